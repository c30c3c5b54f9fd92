import { cellText, formulaOrErrorMessage, isDateCell, isoDate, type Cell, type Parsed } from './cells.ts';

const HOW_TO_ENTER = 'Enter dates as day/month/year, for example 27/3/2009';
const YEARS = { first: 1900, last: 2100 };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A time of day after a date, which a date field ignores: ' 14:30', ' 14:30:00', 'T00:00:00.000Z'. */
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DAY_MONTH_NAME_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})$/i;

/**
 * A calendar date ('YYYY-MM-DD') from a cell: a real Excel date; an Excel date serial number (a
 * date that lost its format: 39904 is 1 April 2009); or text written the UK way, day first:
 * 27/3/2009, 27/03/09, 27.3.09, 27-3-2009, 27 Mar 2009, 27 March 2009, or ISO 2009-03-27. Any time
 * of day is ignored. Years from 1900 to 2100 only.
 *
 * A two-digit year is this century's up to this year, and last century's after it: in 2026, '26'
 * is 2026 and '27' is 1927 (`today`, 'YYYY-MM-DD', sets the year).
 */
export function parseDate(cell: Cell, today: string = new Date().toISOString().slice(0, 10)): Parsed<string> {
  if (typeof cell === 'string') return fromText(cell.trim(), Number(today.slice(0, 4)));
  if (typeof cell === 'number') return fromSerial(cell);
  if (isDateCell(cell)) {
    const [year = 0, month = 0, day = 0] = cell.date.split('-').map(Number);
    return checked(cellText(cell) ?? cell.date, day, month, year);
  }
  return { ok: false, message: formulaOrErrorMessage(cell) ?? HOW_TO_ENTER };
}

/** Excel's day 1 is 1 January 1900, and it counts a 29 February 1900 that never was (day 60). */
const EXCEL_DAY_0 = Date.UTC(1899, 11, 31);
const DAY_MS = 24 * 60 * 60 * 1000;
const LAST_SERIAL = (Date.UTC(YEARS.last, 11, 31) - EXCEL_DAY_0) / DAY_MS + 1;

function fromSerial(serial: number): Parsed<string> {
  const day = Math.floor(serial);
  if (day < 1 || day > LAST_SERIAL) return { ok: false, message: HOW_TO_ENTER };
  if (day === 60) return { ok: false, message: '29/02/1900 is not a real date' };
  const date = new Date(EXCEL_DAY_0 + (day > 60 ? day - 1 : day) * DAY_MS);
  return { ok: true, value: isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) };
}

function fromText(text: string, thisYear: number): Parsed<string> {
  const iso = ISO.exec(text);
  if (iso) return checked(text, Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const numeric = DAY_MONTH_YEAR.exec(text);
  if (numeric) return checked(text, Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4] ?? '', thisYear));
  const named = DAY_MONTH_NAME_YEAR.exec(text);
  const month = named ? monthNumber(named[2] ?? '') : undefined;
  if (named && month) return checked(text, Number(named[1]), month, fullYear(named[3] ?? '', thisYear));
  return { ok: false, message: HOW_TO_ENTER };
}

function fullYear(year: string, thisYear: number): number {
  if (year.length === 4) return Number(year);
  const century = Number(year) <= thisYear % 100 ? thisYear - (thisYear % 100) : thisYear - (thisYear % 100) - 100;
  return century + Number(year);
}

/** 'Mar', 'march', 'Sept': the month's name or its first three letters or more. */
function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  const index = lower.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(lower)) : -1;
  return index === -1 ? undefined : index + 1;
}

/** The date when it is a real one within the years accepted; `written` is how the cell showed it, for the message. */
function checked(written: string, day: number, month: number, year: number): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, message: `${written} is not a real date` };
  }
  if (year < YEARS.first || year > YEARS.last) return { ok: false, message: `${written} is not a date between ${YEARS.first} and ${YEARS.last}` };
  return { ok: true, value: isoDate(year, month, day) };
}
