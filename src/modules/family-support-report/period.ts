import { formatCalendarDate } from '../../http/dates.ts';
import { today } from '../../http/date-fields.ts';

/**
 * The family support report's periods: a financial year (1 April to 31 March) by default, and the
 * same dates in earlier years for the year on year figures. Dates are 'YYYY-MM-DD'.
 */
export interface Period {
  from: string;
  to: string;
}

/** How many years the year on year figures show, the chosen period's included. */
const YEARS_SHOWN = 3;

/** The financial year that starts on 1 April of `startYear`. */
export const financialYear = (startYear: number): Period => ({ from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` });

/** The first year of the financial year a date falls in: 2026 for 1 April 2026 to 31 March 2027. */
export const financialYearStartOf = (iso: string): number => Number(iso.slice(0, 4)) - (iso.slice(5, 7) < '04' ? 1 : 0);

/** The financial year of today where the programme is. */
export const currentFinancialYear = (timeZone: string): Period => financialYear(financialYearStartOf(today(timeZone)));

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day `years` years later (or earlier, when negative): 29 February becomes 28 February in
 * a year that has none, and the last day of a month stays the last day of it.
 */
export function shiftYears(iso: string, years: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const shifted = year + years;
  const last = daysIn(shifted, month);
  const onDay = day === daysIn(year, month) ? last : Math.min(day, last);
  return `${shifted}-${String(month).padStart(2, '0')}-${String(onDay).padStart(2, '0')}`;
}

/** The period and the same dates in each year before it, the earliest first. */
export const yearsUpTo = (period: Period): Period[] =>
  Array.from({ length: YEARS_SHOWN }, (_, index) => YEARS_SHOWN - 1 - index).map((back) => ({ from: shiftYears(period.from, -back), to: shiftYears(period.to, -back) }));

/** Whether the period is no longer than a year: it ends before the same day a year after it starts. */
export const withinAYear = (period: Period) => period.to < shiftYears(period.from, 1);

/** A financial year as '2025-26'; any other period as its dates in words. */
export function periodLabel(period: Period): string {
  const start = financialYearStartOf(period.from);
  const year = financialYear(start);
  if (year.from === period.from && year.to === period.to) return `${start}-${String(start + 1).slice(2)}`;
  return `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}`;
}
