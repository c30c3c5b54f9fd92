import { formulaOrErrorMessage, type Cell, type Parsed } from './cells.ts';

export interface NumberOptions {
  /** Words that may follow the number, in any case, such as ['months', 'month', 'mths', 'mth'] for '18 months'. */
  units?: readonly string[];
}

/** Digits with an optional sign, thousands separated by commas or not, and an optional decimal part. */
const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
const NUMBER_THEN_WORD = /^(.*?)\s*([a-z]+)\.?$/i;

/** A number from a cell: a number cell, or text such as '4', '4.5', ' 12 ', '1,200' or (with `units`) '4 months'. */
export function parseDecimal(cell: Cell, options: NumberOptions = {}): Parsed<number> {
  const value = numberIn(cell, options);
  return value === undefined ? { ok: false, message: formulaOrErrorMessage(cell) ?? 'Enter a number, for example 4.5' } : { ok: true, value };
}

/** A whole number from a cell, read as parseDecimal reads it: '12' and 12 are whole numbers, '4.5' is not. */
export function parseWholeNumber(cell: Cell, options: NumberOptions = {}): Parsed<number> {
  const value = numberIn(cell, options);
  if (value === undefined) return { ok: false, message: formulaOrErrorMessage(cell) ?? 'Enter a whole number, for example 12' };
  return Number.isInteger(value) ? { ok: true, value } : { ok: false, message: `${value} is not a whole number` };
}

function numberIn(cell: Cell, options: NumberOptions): number | undefined {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return undefined;
  const text = withoutUnit(cell.trim(), options.units ?? []);
  return /\d/.test(text) && NUMBER.test(text) ? Number(text.replace(/,/g, '')) : undefined;
}

function withoutUnit(text: string, units: readonly string[]): string {
  const [, number = '', word = ''] = NUMBER_THEN_WORD.exec(text) ?? [];
  return units.some((unit) => unit.toLowerCase() === word.toLowerCase()) ? number : text;
}
