/**
 * The cells of a downloaded table, written the same way to CSV (csv.ts) and XLSX (xlsx.ts): text,
 * a whole or decimal number, a number shown to fixed decimal places (a percentage, 75.0), a
 * calendar date, or nothing (an empty cell).
 */
export type SheetCell = string | number | null | FixedDecimal | CalendarDate;

export interface FixedDecimal {
  value: number;
  places: number;
}

export interface CalendarDate {
  /** 'YYYY-MM-DD', never shifted by a time zone. */
  date: string;
}

export const fixedDecimal = (value: number | null, places: number): SheetCell => (value === null ? null : { value, places });
export const calendarDate = (iso: string | null | undefined): SheetCell => (iso ? { date: iso } : null);

/** Characters that make a spreadsheet read a text cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first),
 * prefixed with a single quote so that it stays text. Applies to text cells only: numbers, dates
 * and decimals are written as values and are never escaped.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as text, as CSV writes it: dates as 'YYYY-MM-DD', decimals to their places, formulas escaped. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return escapeFormula(cell);
  if ('date' in cell) return cell.date;
  return cell.value.toFixed(cell.places);
}
