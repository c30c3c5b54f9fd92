import type { FollowedLiberation } from './follow-up.ts';

/**
 * How one liberation counts for a follow-up window of `windowDays` days from the day of liberation.
 * - not-followed: the person is in no extract taken on or after the liberation: nothing is known.
 * - For the rates, only a liberation whose whole window has passed by the extract's date counts
 *   (`wholeWindow`); it returned when its first admission came within the window (day `windowDays`
 *   included).
 * - For time to return every followed liberation counts: the time is the days to the first admission,
 *   or, with none within the window, censored at the end of the window or at the extract's date,
 *   whichever comes first.
 */
export interface LiberationFollowUp {
  liberation: FollowedLiberation;
  wholeWindow: boolean;
  returnedInWindow: boolean;
  /** Days from liberation to the first admission or to censoring. */
  days: number;
  /** Whether `days` ends in a return (else it is censored). */
  event: boolean;
  /** Days from liberation to the first admission, if any (whatever the window). */
  daysToReturn: number | null;
  /** Days the person was followed after liberation, up to the end of the window. */
  daysFollowed: number;
}

export type Exclusion = 'not-followed' | 'window-incomplete';

/** How a liberation counts for the window; null when its person was not followed after it. */
export function followUpOf(liberation: FollowedLiberation, windowDays: number): LiberationFollowUp | null {
  const followed = liberation.daysFollowed;
  if (followed === null || followed < 0) return null;
  const daysFollowed = Math.min(windowDays, followed);
  const { daysToReturn } = liberation;
  const event = daysToReturn !== null && daysToReturn <= daysFollowed;
  return {
    liberation,
    wholeWindow: followed >= windowDays,
    returnedInWindow: daysToReturn !== null && daysToReturn <= windowDays,
    days: event ? (daysToReturn as number) : daysFollowed,
    event,
    daysToReturn,
    daysFollowed,
  };
}

export interface Cohort {
  /** Every followed liberation (for time to return). */
  followed: LiberationFollowUp[];
  /** Followed for the whole window (for the rates). */
  wholeWindow: LiberationFollowUp[];
  excluded: Record<Exclusion, number>;
}

/** The selected liberations sorted into those the rates count, those only time to return counts, and the rest. */
export function cohortOf(liberations: readonly FollowedLiberation[], windowDays: number): Cohort {
  const followed: LiberationFollowUp[] = [];
  const excluded: Record<Exclusion, number> = { 'not-followed': 0, 'window-incomplete': 0 };
  for (const liberation of liberations) {
    const followUp = followUpOf(liberation, windowDays);
    if (!followUp) excluded['not-followed'] += 1;
    else {
      followed.push(followUp);
      if (!followUp.wholeWindow) excluded['window-incomplete'] += 1;
    }
  }
  return { followed, wholeWindow: followed.filter((one) => one.wholeWindow), excluded };
}
