import { assertFinite } from './validation.ts';

/** One person's follow-up: time from the origin to the event, or to censoring when `event` is false. */
export interface SurvivalObservation {
  time: number;
  event: boolean;
}

/** Persons at one distinct time, events first: the risk set at `time` includes those censored at `time`. */
export interface TimeTally {
  time: number;
  events: number;
  censored: number;
}

/** Throws a RangeError unless every time is a finite number ≥ 0. */
export function assertSurvivalTimes(observations: readonly SurvivalObservation[]): void {
  for (const [index, observation] of observations.entries()) {
    assertFinite(observation.time, `observation ${index + 1}: time`);
    if (observation.time < 0) throw new RangeError(`observation ${index + 1}: time cannot be negative`);
  }
}

/** Counts events and censorings at each distinct time, in ascending time order. */
export function tallyByTime(observations: readonly SurvivalObservation[]): TimeTally[] {
  const byTime = new Map<number, TimeTally>();
  for (const { time, event } of observations) {
    let tally = byTime.get(time);
    if (!tally) {
      tally = { time, events: 0, censored: 0 };
      byTime.set(time, tally);
    }
    if (event) tally.events += 1;
    else tally.censored += 1;
  }
  return [...byTime.values()].sort((x, y) => x.time - y.time);
}
