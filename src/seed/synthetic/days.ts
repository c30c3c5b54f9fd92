import type { Random } from './random.ts';

/**
 * Calendar days as whole numbers (days since 1970-01-01), so that the generator adds and compares
 * dates cheaply; turned into 'YYYY-MM-DD' only when rows are written.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
export const DAYS_PER_MONTH = 30.44;
export const DAYS_PER_YEAR = 365.25;

export function dayOf(isoDate: string): Day {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(time)) throw new Error(`Not a date: ${isoDate}`);
  return Math.round(time / MS_PER_DAY);
}

const isoCache = new Map<Day, string>();

export function isoOf(day: Day): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** A moment on a day: the given hour and minute, UTC (close enough to the programme's day for history rows). */
export function momentOn(day: Day, hour: number, minute = 0): Date {
  return new Date(day * MS_PER_DAY + (hour * 60 + minute) * 60_000);
}

/** A random quarter-hour, 'HH:MM', between `from` and `to` o'clock (9am to 5.30pm unless told). */
export function timeOfDay(random: Random, from = 9, to = 17.5): string {
  const quarters = random.int(from * 4, to * 4);
  return `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;
}
