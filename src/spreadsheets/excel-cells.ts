import type ExcelJS from 'exceljs';
import { isoDate, trimmedText, type Cell } from './cells.ts';

/**
 * A cell as ExcelJS's streaming reader gives it, as a Cell: rich text and hyperlinks as their plain
 * text; a date (which ExcelJS gives as a JavaScript Date at UTC midnight, plus any time of day) as
 * its calendar date; a formula as its text, never its result; an error such as #N/A as its code.
 */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return trimmedText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : { date: isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) };
  }
  if ('formula' in value || 'sharedFormula' in value) return { formula: value.formula ?? '' };
  if ('error' in value) return { error: value.error };
  if ('richText' in value) return trimmedText(value.richText.map((run) => run.text).join(''));
  return trimmedText(value.text);
}
