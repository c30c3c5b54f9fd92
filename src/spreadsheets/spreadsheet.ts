import type { SpreadsheetRow } from './cells.ts';
import { csvRows } from './csv-rows.ts';
import { detectDelimiter, type Delimiter } from './delimiter.ts';
import { asDamaged, SpreadsheetError } from './errors.ts';
import { fileKind } from './file-kind.ts';
import { decodedText, textEncoding, type TextEncoding } from './text-encoding.ts';
import { workbookParts, type WorkbookParts } from './workbook.ts';
import { xlsxRows } from './xlsx-rows.ts';
import { openZip, type SpreadsheetLimits, type ZipArchive } from './zip.ts';

export type { SpreadsheetLimits };

/** An uploaded file opened as a spreadsheet, ready for its rows to be read (as often as needed). */
export type Spreadsheet = CsvSpreadsheet | XlsxSpreadsheet;

/** A CSV file: one sheet, with no name. */
export interface CsvSpreadsheet {
  format: 'csv';
  sheetNames: readonly [];
  bytes: Buffer;
  encoding: TextEncoding;
  delimiter: Delimiter;
}

/** An Excel workbook: its worksheets' names in the order of their tabs. */
export interface XlsxSpreadsheet {
  format: 'xlsx';
  sheetNames: readonly string[];
  archive: ZipArchive;
  parts: WorkbookParts;
}

/**
 * Opens an upload (the whole file) as a CSV file or an Excel workbook, judging by its content,
 * never its name. Throws a SpreadsheetError, whose message tells the user what to do, for an empty
 * file, an old .xls file, a workbook protected with a password, a damaged one, one that unpacks to
 * more than `limits` allow, or a file that is not a spreadsheet. Text is read as UTF-8 (with or
 * without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252; values may be
 * separated by commas, semicolons or tabs.
 */
export async function openSpreadsheet(bytes: Buffer, limits: SpreadsheetLimits): Promise<Spreadsheet> {
  if (fileKind(bytes) === 'text') {
    const encoding = textEncoding(bytes);
    const sample = decodedText(bytes, encoding).next();
    return { format: 'csv', sheetNames: [], bytes, encoding, delimiter: detectDelimiter(sample.done ? '' : sample.value) };
  }
  const archive = await openZip(bytes, limits);
  const parts = await workbookParts(archive).catch((error: unknown) => {
    throw asDamaged(error);
  });
  return { format: 'xlsx', sheetNames: parts.sheets.map((sheet) => sheet.name), archive, parts };
}

/**
 * The rows of a sheet that have something in them, one at a time (a file of 200,000 rows is never
 * all in memory), each with the row number Excel shows. `sheetName` picks the sheet of a workbook
 * (its first sheet when not given); a CSV file has only the one. Throws a SpreadsheetError for a
 * sheet the file does not have, and the rows fail with one if the file turns out to be damaged.
 */
export function readRows(spreadsheet: Spreadsheet, sheetName?: string): AsyncGenerator<SpreadsheetRow> {
  if (spreadsheet.format === 'csv') {
    if (sheetName !== undefined) throw SpreadsheetError.noSuchSheet(sheetName);
    return csvRows(spreadsheet);
  }
  const { sheets } = spreadsheet.parts;
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((candidate) => candidate.name === sheetName);
  if (!sheet) throw SpreadsheetError.noSuchSheet(String(sheetName));
  return xlsxRows(spreadsheet.archive, spreadsheet.parts, sheet);
}

/** The first `count` rows with something in them, for choosing the header row; the rest of the file is not read. */
export async function previewRows(spreadsheet: Spreadsheet, count: number, sheetName?: string): Promise<SpreadsheetRow[]> {
  const rows: SpreadsheetRow[] = [];
  if (count <= 0) return rows;
  for await (const row of readRows(spreadsheet, sheetName)) {
    rows.push(row);
    if (rows.length === count) break;
  }
  return rows;
}
