/** A count and its share of the whole it is part of, rounded to one decimal place (null when the whole is 0). */
export interface Share {
  count: number;
  percent: number | null;
}

/** One row of a breakdown: a band or list entry (code null for "Not recorded") and its share. */
export interface BreakdownRow extends Share {
  code: string | null;
  label: string;
}

/** Half-up to one decimal place, from whole numbers (so 1 of 8 is 12.5 and 1 of 16 is 6.3). */
export function percentOf(count: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((count * 1000) / whole) / 10;
}

export const share = (count: number, whole: number): Share => ({ count, percent: percentOf(count, whole) });
