import { fixedDecimal, type SheetCell } from '../../http/sheet-cells.ts';
import type { StoredFigure } from './compute.ts';
import type { FigureValue } from './figures.ts';
import { financialYearLabel, placeInYear, slotNames } from './periods.ts';
import type { StoredReturn } from './returns.ts';
import type { Template } from './templates.ts';

/** A return's figures and their comparisons, as the pages show them and the downloads hold them. */

/** "12", or "5 of 12 (41.7%)"; a percentage withheld or of nothing is left out. */
export function valueText(value: FigureValue | undefined): string {
  if (!value) return '–';
  const counted = value.count.toLocaleString('en-GB');
  if (value.of === null) return counted;
  const whole = `${counted} of ${value.of.toLocaleString('en-GB')}`;
  return value.percent === null ? whole : `${whole} (${value.percent.toFixed(1)}%)`;
}

/** Each figure of a return beside the same figure of the return it follows: before, now and the difference. */
export function comparedFigures(current: StoredFigure[], previous: StoredFigure[] | null) {
  return current.map((figure) => {
    const before = previous?.find((one) => one.code === figure.code);
    const difference = before ? figure.value.count - before.value.count : null;
    return { figure, before, difference, differenceText: difference === null ? '–' : difference > 0 ? `+${difference}` : String(difference) };
  });
}

/** The return's one table for a spreadsheet: each figure, its value, and (for a return produced again) the one before. */
export function returnRows(stored: StoredReturn, previous: StoredFigure[] | null): SheetCell[][] {
  const head = ['Figure', 'Report', 'Count', 'Of', 'Percentage'];
  const again = previous ? ['Count in the return it follows', 'Percentage in the return it follows', 'Difference in count'] : [];
  return [
    [...head, ...again, 'Definition', 'Note'],
    ...comparedFigures(stored.figures, previous).map(({ figure, before, difference }) => [
      figure.label,
      figure.reportLabel,
      figure.value.count,
      figure.value.of,
      fixedDecimal(figure.value.percent, 1),
      ...(previous ? [before?.value.count ?? null, fixedDecimal(before?.value.percent ?? null, 1), difference] : []),
      figure.definition,
      figure.value.note ?? null,
    ]),
  ];
}

/** The changes counted for a return produced again, as a sheet. */
export function changeRows(stored: StoredReturn): SheetCell[][] {
  return [['What changed since the return it follows', 'Number'], ...(stored.changes?.items ?? []).map((item) => [item.label, item.count])];
}

/**
 * Year on year: for each period of the year (Q1 to Q4, each month, or the whole year), the latest
 * return of each financial year side by side, figure by figure. Figures are the template's now, then
 * any others the returns hold.
 */
export function yearOnYear(template: Template, returns: StoredReturn[]) {
  const years = [...new Set(returns.map((one) => placeInYear(template.periodKind, one.periodFrom).startYear))].sort((a, b) => a - b);
  const codes = [...new Set([...template.figures, ...returns.flatMap((one) => one.figures.map((figure) => figure.code))])];
  const labelOf = (code: string) => returns.flatMap((one) => one.figures).find((figure) => figure.code === code)?.label ?? code;
  const slots = slotNames(template.periodKind).map((name, slot) => {
    const byYear = years.map((year) => returns.find((one) => placeInYear(template.periodKind, one.periodFrom).startYear === year && placeInYear(template.periodKind, one.periodFrom).slot === slot));
    return {
      name,
      returns: byYear,
      rows: codes
        .map((code) => ({ code, label: labelOf(code), values: byYear.map((one) => one?.figures.find((figure) => figure.code === code)?.value) }))
        .filter((row) => row.values.some((value) => value !== undefined)),
    };
  });
  return { years: years.map((year) => financialYearLabel(year)), slots: slots.filter((slot) => slot.rows.length > 0) };
}

/** Year on year as one table for a spreadsheet: the period of the year and the figure, then each year's count and percentage. */
export function yearOnYearRows(table: ReturnType<typeof yearOnYear>): SheetCell[][] {
  return [
    ['Period of the year', 'Figure', ...table.years.flatMap((year) => [`${year}: count`, `${year}: of`, `${year}: percentage`])],
    ...table.slots.flatMap((slot) =>
      slot.rows.map((row) => [slot.name, row.label, ...row.values.flatMap((value) => [value?.count ?? null, value?.of ?? null, fixedDecimal(value?.percent ?? null, 1)])]),
    ),
  ];
}
