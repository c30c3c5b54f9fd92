import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sendAttachment } from './attachment.ts';
import { escapeFormula, type SheetCell } from './sheet-cells.ts';

/** One sheet of a workbook: its name (made valid for Excel) and its rows, the header row first. */
export interface Sheet {
  name: string;
  rows: readonly (readonly SheetCell[])[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses these in a sheet's name, and names longer than 31 characters. */
const NOT_IN_SHEET_NAMES = /[[\]:*?/\\\p{Cc}]/gu;
const SHEET_NAME_MAX = 31;
const DATE_FORMAT = 'd mmmm yyyy';
const WIDTH = { min: 8, max: 60 };

/**
 * Names Excel accepts, in order: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, not "History" (Excel's own), and different from each other (ignoring case).
 */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  const tidy = (text: string) => text.replace(/\s+/g, ' ').replace(/^['\s]+|['\s]+$/g, '');
  return names.map((name, index) => {
    let base = tidy(tidy(name.replace(NOT_IN_SHEET_NAMES, ' ')).slice(0, SHEET_NAME_MAX)) || `Sheet ${index + 1}`;
    if (base.toLowerCase() === 'history') base = 'History table';
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${tidy(base.slice(0, SHEET_NAME_MAX - suffix.length))}${suffix}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The cell as ExcelJS takes it: text escaped as CSV escapes it, numbers and dates as values. */
function cellValue(cell: SheetCell): { value: string | number | Date | null; numFmt?: string } {
  if (cell === null || typeof cell === 'number') return { value: cell };
  if (typeof cell === 'string') return { value: escapeFormula(cell) };
  if ('date' in cell) {
    const [year = 0, month = 1, day = 1] = cell.date.split('-').map(Number);
    return { value: new Date(Date.UTC(year, month - 1, day)), numFmt: DATE_FORMAT };
  }
  return { value: cell.value, numFmt: cell.places > 0 ? `0.${'0'.repeat(cell.places)}` : '0' };
}

/** How wide a cell shows, in characters: its longest line, a date as "30 September 2026". */
function shownLength(cell: SheetCell): number {
  if (cell === null) return 0;
  if (typeof cell === 'number') return String(cell).length;
  if (typeof cell === 'string') {
    const lines = escapeFormula(cell).split(/\r?\n/);
    return Math.max(...lines.map((line) => line.length));
  }
  if ('date' in cell) return 17;
  return cell.value.toFixed(cell.places).length;
}

/** Each column as wide as its widest cell (the bold header a little wider), within sensible bounds. */
function columnWidths(rows: Sheet['rows']): { width: number }[] {
  const count = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: count }, (_, column) => {
    const widest = Math.max(0, ...rows.map((row, index) => shownLength(row[column] ?? null) + (index === 0 ? 1 : 0)));
    return { width: Math.min(WIDTH.max, Math.max(WIDTH.min, widest + 2)) };
  });
}

/**
 * The sheets as an XLSX workbook: the header row bold and frozen, columns sized to their contents,
 * numbers and dates as values a spreadsheet can add up and sort, and text that would run as a
 * formula escaped exactly as in a CSV download. Written with ExcelJS's streaming writer, which
 * keeps only the finished file in memory, not a model of every cell.
 */
export async function toXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Throughcare';
  workbook.created = new Date();
  const names = sheetNames(sheets.map((sheet) => sheet.name));
  sheets.forEach((sheet, index) => {
    const worksheet = workbook.addWorksheet(names[index], { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = columnWidths(sheet.rows);
    sheet.rows.forEach((cells, rowIndex) => {
      const row = worksheet.addRow([]);
      cells.forEach((cell, column) => {
        const { value, numFmt } = cellValue(cell);
        const target = row.getCell(column + 1);
        target.value = value;
        if (numFmt) target.numFmt = numFmt;
      });
      if (rowIndex === 0) row.font = { bold: true };
      row.commit();
    });
    worksheet.commit();
  });
  await workbook.commit();
  await finished(stream);
  return Buffer.concat(chunks);
}

/** Sends the sheets as an XLSX download named `filename` (letters, digits, dots and hyphens only). */
export async function sendXlsx(reply: FastifyReply, props: { filename: string; sheets: readonly Sheet[] }): Promise<FastifyReply> {
  return sendAttachment(reply, { filename: props.filename, type: XLSX_TYPE, body: await toXlsx(props.sheets) });
}
