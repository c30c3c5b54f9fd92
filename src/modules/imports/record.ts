import { cellText, formulaOrErrorMessage, type Cell, type SpreadsheetRow } from '../../spreadsheets/cells.ts';
import { parseDate } from '../../spreadsheets/dates.ts';
import { parseDecimal, parseWholeNumber } from '../../spreadsheets/numbers.ts';
import type { Field } from './fields.ts';
import { normalise } from './headers.ts';
import { matchOption, NOT_RECORDED, type LookupOption } from './lookups.ts';
import { matchWorker } from './worker-names.ts';

/** A problem with one row, for the user: the row number in the file, the column's header and what is wrong. */
export interface RowProblem {
  rowNumber: number;
  column: string | null;
  message: string;
}

/** A field's options and what the user said the file's values mean (normalised value -> code, '' for not recorded). */
export interface Lookup {
  options: readonly LookupOption[];
  valueMap: Record<string, string>;
  /** A value not known is left unrecorded (workers: a spreadsheet's staff may never have been users) rather than stopping the import. */
  lenient: boolean;
  /** The codes the file's values were found to mean, remembered for the pass: a file repeats a few values (a prison, a gender) in every row. */
  known: Map<string, string | undefined>;
}

/** A value the file uses that is not one of the options: the user says what it means (or, when lenient, it is left unrecorded). */
export interface UnknownValue {
  field: string;
  value: string;
  lenient: boolean;
}

export type RecordValue = string | number | null;

/** What the wizard knows that every row is read with. */
export interface Reading {
  fields: readonly Field[];
  /** field -> 1-based column */
  columns: Record<string, number>;
  /** 1-based column -> header text */
  headers: readonly (string | null)[];
  lookups: Record<string, Lookup>;
  today: string;
}

/**
 * One row's mapped fields, read and checked: each value, the problems (a bad date, a missing
 * required value, a formula) and the values not known for a looked-up field.
 */
export function readRecord(row: SpreadsheetRow, reading: Reading): { values: Record<string, RecordValue>; problems: RowProblem[]; unknown: UnknownValue[] } {
  const values: Record<string, RecordValue> = {};
  const problems: RowProblem[] = [];
  const unknown: UnknownValue[] = [];
  for (const field of reading.fields) {
    const column = reading.columns[field.key];
    if (column === undefined) continue;
    const cell: Cell = row.cells[column - 1] ?? null;
    const problem = (message: string) => problems.push({ rowNumber: row.rowNumber, column: reading.headers[column - 1] ?? `column ${column}`, message });
    const formula = formulaOrErrorMessage(cell);
    if (formula) {
      problem(formula);
      continue;
    }
    const text = cellText(cell);
    if (text === null) {
      values[field.key] = null;
      if (field.required) problem(`Enter the ${field.label.toLowerCase()}`);
      continue;
    }
    const read = field.read;
    if (read.type === 'text') {
      if (text.length > read.max) problem(`${field.label} must be ${read.max} characters or fewer`);
      else values[field.key] = text;
    } else if (read.type === 'date') {
      const parsed = parseDate(cell, reading.today);
      if (parsed.ok) values[field.key] = parsed.value;
      else problem(parsed.message);
    } else if (read.type === 'decimal' || read.type === 'whole') {
      const parsed = read.type === 'whole' ? parseWholeNumber(cell) : parseDecimal(cell, { units: ['months', 'month', 'mths', 'mth'] });
      if (!parsed.ok) problem(parsed.message);
      else if (parsed.value < read.min || parsed.value > read.max) problem(`${field.label} must be between ${read.min} and ${read.max}`);
      else values[field.key] = parsed.value;
    } else if (read.several) {
      // Several values in a cell: each is looked up (and, when not known, mapped by the user) on its own.
      const lookup = reading.lookups[field.key];
      const codes: string[] = [];
      for (const part of listParts(text)) {
        const code = lookUp(lookup, part);
        if (code === undefined) unknown.push({ field: field.key, value: part, lenient: false });
        else if (code !== NOT_RECORDED && !codes.includes(code)) codes.push(code);
      }
      values[field.key] = codes.length > 0 ? codes.join(LIST_SEPARATOR) : null;
      if (codes.length === 0 && field.required && !unknown.some((u) => u.field === field.key)) problem(`Enter the ${field.label.toLowerCase()}`);
    } else {
      const lookup = reading.lookups[field.key];
      const code = lookUp(lookup, text);
      if (code === undefined) unknown.push({ field: field.key, value: text, lenient: lookup?.lenient ?? false });
      if (code === undefined || code === NOT_RECORDED) values[field.key] = null;
      else values[field.key] = code;
      // A worker no user matches is kept as the file wrote them, not dropped.
      if (code === undefined && lookup?.lenient) values[writtenKey(field.key)] = text.slice(0, 200);
      if (code === NOT_RECORDED && field.required) problem(`Enter the ${field.label.toLowerCase()}`);
    }
  }
  return { values, problems, unknown };
}

/** How a field of several looked-up values keeps their codes in a row's value ('housing,money'): codes have no commas. */
const LIST_SEPARATOR = ',';

/** The values of a cell that holds several, separated by commas or semicolons (or on lines of their own). */
const listParts = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The codes a field of several looked-up values holds in a row. */
export const codesOf = (value: RecordValue | undefined): string[] => (typeof value === 'string' && value !== '' ? value.split(LIST_SEPARATOR) : []);

/** Where a row keeps a looked-up value that matched nothing, as the file wrote it (a worker's name). */
export const writtenKey = (key: string) => `${key}Written`;

/** The code a file's value means: what the user mapped it to, else the option it certainly names (remembered in the lookup). */
function lookUp(lookup: Lookup | undefined, text: string): string | undefined {
  if (!lookup) return undefined;
  if (lookup.known.has(text)) return lookup.known.get(text);
  const mapped = lookup.valueMap[normalise(text)];
  const code = mapped ?? (lookup.lenient ? matchWorker(lookup.options, text) : matchOption(lookup.options, text))?.code;
  lookup.known.set(text, code);
  return code;
}
