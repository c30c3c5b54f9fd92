import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';

/** A downloaded workbook, opened as a spreadsheet program would open it. */
export async function openXlsx(response: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
  return workbook;
}

/** A sheet's cells, row by row, as ExcelJS reads them (an empty cell as null). */
export function sheetCells(worksheet: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const rows: ExcelJS.Cell[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: worksheet.columnCount }, (_, index) => row.getCell(index + 1)));
  });
  return rows;
}

/** A sheet's values, row by row: text, numbers, dates, or null for an empty cell. */
export function sheetValues(worksheet: ExcelJS.Worksheet): unknown[][] {
  return sheetCells(worksheet).map((row) => row.map((cell) => cell.value ?? null));
}

/** The sheet with this name (failing the test when there is none). */
export function sheetNamed(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const worksheet = workbook.getWorksheet(name);
  if (!worksheet) throw new Error(`No sheet named ${name}: ${workbook.worksheets.map((sheet) => sheet.name).join(', ')}`);
  return worksheet;
}

/** A downloaded CSV as rows of cell texts. */
export function csvRows(response: LightMyRequestResponse): string[][] {
  return parse(response.body, { bom: true, relax_column_count: true });
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a download's headers say: its status, its type, and the name to save it as. */
export function attachmentOf(response: LightMyRequestResponse) {
  const disposition = String(response.headers['content-disposition'] ?? '');
  return { status: response.statusCode, type: response.headers['content-type'], filename: disposition.match(/^attachment; filename="([^"]+)"$/)?.[1] };
}
