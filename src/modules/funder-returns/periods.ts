import type { FunderPeriodKind } from '../../db/schema/funder-returns.ts';
import { addDays, addMonths } from '../../http/calendar.ts';
import { financialYearStartOf } from '../family-support-report/period.ts';

/**
 * A funder's reporting periods: quarters of a financial year (1 April to 31 March), financial years,
 * or calendar months. Dates are 'YYYY-MM-DD'; labels as people say them ("Q1 2026/27", "2026/27",
 * "April 2026").
 */
export interface FunderPeriod {
  from: string;
  to: string;
  label: string;
}

export const PERIOD_KINDS: { code: FunderPeriodKind; label: string }[] = [
  { code: 'financial_quarter', label: 'Quarters of a financial year' },
  { code: 'financial_year', label: 'Financial years' },
  { code: 'month', label: 'Months' },
];
export const PERIOD_KIND_CODES = PERIOD_KINDS.map((kind) => kind.code) as [FunderPeriodKind, ...FunderPeriodKind[]];
export const periodKindLabel = (kind: FunderPeriodKind) => PERIOD_KINDS.find((one) => one.code === kind)?.label ?? kind;

/** How many financial years back the periods offered go, the current one included. */
const YEARS_OFFERED = 3;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026 -> '2026/27'. */
export const financialYearLabel = (startYear: number) => `${startYear}/${String(startYear + 1).slice(2)}`;

/** Calendar months from the first of (year, month), `count` of them, as one period. */
function months(year: number, month: number, count: number): { from: string; to: string } {
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, count), -1) };
}

/** The periods of one financial year, in order: four quarters, twelve months, or the year itself. */
function periodsOfYear(kind: FunderPeriodKind, startYear: number): FunderPeriod[] {
  const fy = financialYearLabel(startYear);
  if (kind === 'financial_year') return [{ ...months(startYear, 4, 12), label: fy }];
  const size = kind === 'financial_quarter' ? 3 : 1;
  return Array.from({ length: 12 / size }, (_, index) => {
    const month = ((3 + index * size) % 12) + 1;
    const year = month < 4 ? startYear + 1 : startYear;
    return { ...months(year, month, size), label: kind === 'financial_quarter' ? `Q${index + 1} ${fy}` : `${MONTHS[month - 1]} ${year}` };
  });
}

/** The periods a return can be produced for: those begun by `today`, in this and the two financial years before, the latest first. */
export function recentPeriods(kind: FunderPeriodKind, today: string): FunderPeriod[] {
  const current = financialYearStartOf(today);
  return Array.from({ length: YEARS_OFFERED }, (_, back) => periodsOfYear(kind, current - back).reverse())
    .flat()
    .filter((period) => period.from <= today);
}

/** Where a period falls: its financial year, and which of the year's periods it is (0 for the first). */
export function placeInYear(kind: FunderPeriodKind, from: string): { startYear: number; slot: number } {
  const startYear = financialYearStartOf(from);
  return { startYear, slot: periodsOfYear(kind, startYear).findIndex((period) => period.from === from) };
}

/** The name of each period of a year, for the year on year table: "Q1 (April to June)", "April", "The whole year". */
export function slotNames(kind: FunderPeriodKind): string[] {
  if (kind === 'financial_year') return ['The whole year'];
  if (kind === 'month') return Array.from({ length: 12 }, (_, index) => MONTHS[(index + 3) % 12] as string);
  return [0, 1, 2, 3].map((index) => `Q${index + 1} (${MONTHS[(index * 3 + 3) % 12]} to ${MONTHS[(index * 3 + 5) % 12]})`);
}
