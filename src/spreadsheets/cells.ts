/**
 * One cell of an uploaded spreadsheet, as the file holds it: nothing, text (trimmed), a number, a
 * true/false value, a real Excel date, a formula or an Excel error such as #N/A. A CSV file holds
 * only text (and formulas: text beginning with '=').
 */
export type Cell = null | string | number | boolean | DateCell | FormulaCell | ErrorCell;

/** A cell Excel stores as a date: its calendar date, 'YYYY-MM-DD' (any time of day dropped). */
export interface DateCell {
  date: string;
}

/** A formula, never evaluated: its text without the leading '=' ('SUM(A1:A3)'). */
export interface FormulaCell {
  formula: string;
}

/** An Excel error value, as Excel shows it ('#N/A', '#REF!'). */
export interface ErrorCell {
  error: string;
}

/** One row with something in it; `rowNumber` is the row Excel shows (counting from 1, blank rows included). */
export interface SpreadsheetRow {
  rowNumber: number;
  cells: Cell[];
}

/** The value read from a cell, or a message for the user saying why it cannot be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const isDateCell = (cell: Cell): cell is DateCell => typeof cell === 'object' && cell !== null && 'date' in cell;
export const isFormulaCell = (cell: Cell): cell is FormulaCell => typeof cell === 'object' && cell !== null && 'formula' in cell;
export const isErrorCell = (cell: Cell): cell is ErrorCell => typeof cell === 'object' && cell !== null && 'error' in cell;

/** Text read from a file: surrounding spaces trimmed, and nothing when only spaces are left. */
export function trimmedText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A cell as text for a text field, the way Excel shows it: numbers in plain digits (a prison
 * number 100711 stored as a number is '100711'), dates as day/month/year, TRUE or FALSE, a formula
 * with its '=', an error as its code. An empty cell is null.
 */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return trimmedText(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isDateCell(cell)) return cell.date.split('-').reverse().join('/');
  if (isFormulaCell(cell)) return `=${cell.formula}`;
  return cell.error;
}

/** Why a formula or an Excel error cannot be used as a value (undefined for any other cell). */
export function formulaOrErrorMessage(cell: Cell): string | undefined {
  if (isFormulaCell(cell)) return 'This is a formula: replace it with the value it shows';
  if (isErrorCell(cell)) return `${cell.error} is an Excel error: correct it in the spreadsheet`;
  return undefined;
}

/** 'YYYY-MM-DD' for a year, month (1-12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
