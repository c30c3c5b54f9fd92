/**
 * Arithmetic on calendar dates ('YYYY-MM-DD'): done in UTC so that no time zone or change of clocks
 * can shift a day. What "today" is comes from date-fields.ts `today(timeZone)`.
 */
const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number): string => isoOf(utc(iso) + days * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / DAY_MS);

/** The Monday of the week (Monday to Sunday) a date falls in. */
export const mondayOf = (iso: string): string => addDays(iso, -((new Date(utc(iso)).getUTCDay() + 6) % 7));

/** Monday to Sunday of the week a date falls in. */
export function weekOf(iso: string): [string, string] {
  const monday = mondayOf(iso);
  return [monday, addDays(monday, 6)];
}

export const firstOfMonth = (iso: string): string => `${iso.slice(0, 8)}01`;

/** The first day of the month `months` after (or before) the month `iso` falls in. */
export function addMonths(iso: string, months: number): string {
  const date = new Date(utc(firstOfMonth(iso)));
  date.setUTCMonth(date.getUTCMonth() + months);
  return isoOf(date.getTime());
}

export const isLastOfMonth = (iso: string): boolean => addDays(iso, 1).endsWith('-01');
