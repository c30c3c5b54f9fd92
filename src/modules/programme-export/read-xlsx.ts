import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { workbookParts, type WorkbookParts } from '../../spreadsheets/workbook.ts';
import { excelSheetRows } from '../../spreadsheets/xlsx-rows.ts';
import type { ZipArchive } from '../../spreadsheets/zip.ts';
import { inBatches, parseManifest, RestoreRefused, type ExportSource } from './export-source.ts';

/** A cell's text as the export wrote it (every cell is text; an empty cell is empty text). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  return String(value);
}

async function* rowsOf(archive: ZipArchive, parts: WorkbookParts, name: string): AsyncGenerator<string[]> {
  const sheet = parts.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new RestoreRefused(`The workbook has no sheet ${name}, which its manifest lists`);
  for await (const row of excelSheetRows(archive, parts, sheet)) yield Array.from({ length: row.cellCount }, (_, index) => cellText(row.getCell(index + 1).value));
}

/**
 * An XLSX export, its sheets found by name from the workbook's index (yauzl reads the zip's central
 * directory), each read in turn, a row at a time, by ExcelJS's streaming reader given that sheet
 * alone (src/spreadsheets/xlsx-rows.ts). Given the whole workbook, ExcelJS's reader spills every
 * sheet to a temporary file first and, with thirty-odd sheets, loses some of them.
 */
export async function readXlsxExport(path: string): Promise<ExportSource> {
  const file = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false }).catch(() => {
    throw new RestoreRefused('The file is damaged: it cannot be read as an XLSX workbook');
  });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of file.eachEntry()) entries.set(entry.fileName, entry);
  const archive: ZipArchive = { file, parts: entries };
  const parts = await workbookParts(archive).catch(() => {
    file.close();
    throw new RestoreRefused('This is not a Throughcare programme export: the workbook has no sheets it can read');
  });
  let manifestText: string | undefined;
  try {
    for await (const [cell] of rowsOf(archive, parts, 'manifest')) if (cell !== 'manifest.json') manifestText ??= cell;
  } catch (error) {
    file.close();
    throw error instanceof RestoreRefused ? new RestoreRefused('This is not a Throughcare programme export: it has no manifest') : error;
  }
  let manifest;
  try {
    manifest = parseManifest(manifestText);
  } catch (error) {
    file.close();
    throw error;
  }
  return {
    manifest,
    async *tables() {
      for (const table of manifest.tables) {
        const [first = table.name, ...more] = table.sheets;
        const rows = rowsOf(archive, parts, first);
        const header = await rows.next();
        if (header.done) throw new RestoreRefused(`The sheet ${first} is empty: it should have the column names first`);
        const allRows = async function* () {
          yield* rows;
          for (const name of more) {
            const next = rowsOf(archive, parts, name);
            await next.next(); // the column names again
            yield* next;
          }
        };
        yield { name: table.name, columns: header.value, batches: inBatches(allRows(), header.value.length) };
      }
    },
    close: async () => file.close(),
  };
}
