import ExcelJS from 'exceljs';
import { inBatches, parseManifest, RestoreRefused, type ExportSource } from './export-source.ts';

const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' } as const;

/** A cell's text as the export wrote it (every cell is text; an empty cell is empty text). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  return String(value);
}

async function* rowsOf(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<string[]> {
  for await (const row of sheet) yield Array.from({ length: row.cellCount }, (_, index) => cellText(row.getCell(index + 1).value));
}

/**
 * An XLSX export, read with ExcelJS's streaming reader: the sheets come in their order (README,
 * manifest, then the tables as the manifest lists them), a row at a time.
 */
export async function readXlsxExport(path: string): Promise<ExportSource> {
  const sheets = new ExcelJS.stream.xlsx.WorkbookReader(path, READER_OPTIONS)[Symbol.asyncIterator]();
  const nextSheet = async (what: string) => {
    const next = await sheets.next().catch(() => {
      throw new RestoreRefused('The file is damaged: it cannot be read as an XLSX workbook');
    });
    if (next.done) throw new RestoreRefused(`The workbook ends before ${what}`);
    return rowsOf(next.value as AsyncIterable<ExcelJS.Row>);
  };
  const about = await nextSheet('its README sheet');
  while (!(await about.next()).done);
  let manifestText: string | undefined;
  for await (const [cell] of await nextSheet('its manifest sheet')) if (cell !== 'manifest.json') manifestText ??= cell;
  const manifest = parseManifest(manifestText);
  return {
    manifest,
    async *tables() {
      for (const table of manifest.tables) {
        const [first = table.name, ...more] = table.sheets;
        const rows = await nextSheet(`the sheet ${first}`);
        const header = await rows.next();
        if (header.done) throw new RestoreRefused(`The sheet ${first} is empty: it should have the column names first`);
        const allRows = async function* () {
          yield* rows;
          for (const name of more) {
            const next = await nextSheet(`the sheet ${name}`);
            await next.next(); // the column names again
            yield* next;
          }
        };
        yield { name: table.name, columns: header.value, batches: inBatches(allRows(), header.value.length) };
      }
    },
    close: async () => undefined,
  };
}
