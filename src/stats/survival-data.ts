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
  for (let index = 0; index < observations.length; index++) {
    const time = (observations[index] as SurvivalObservation).time;
    if (Number.isFinite(time) && time >= 0) continue;
    // the label is built only for the observation that fails
    assertFinite(time, `observation ${index + 1}: time`);
    throw new RangeError(`observation ${index + 1}: time cannot be negative`);
  }
}

/**
 * The observations' distinct times, found once without sorting the observations: `distinct` holds
 * the distinct times ascending, `rank` each observation's index in `distinct`, and `starts[r]` how
 * many observations have a time before distinct[r] (so starts[r + 1] − starts[r] share distinct[r]).
 */
export interface TimeRanks {
  distinct: Float64Array;
  rank: Uint32Array;
  starts: Uint32Array;
}

export function timeRanks(observations: readonly SurvivalObservation[]): TimeRanks {
  const n = observations.length;
  // distinct times numbered as first seen, then sorted (few distinct times: days of follow-up)
  const seen = new Map<number, number>();
  const firstSeen = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const time = (observations[i] as SurvivalObservation).time;
    let id = seen.get(time);
    if (id === undefined) seen.set(time, (id = seen.size));
    firstSeen[i] = id;
  }
  const distinct = Float64Array.from(seen.keys()).sort();
  const d = distinct.length;
  const rankOfSeen = new Uint32Array(d);
  distinct.forEach((time, r) => (rankOfSeen[seen.get(time) as number] = r));
  const rank = new Uint32Array(n);
  const starts = new Uint32Array(d + 1);
  for (let i = 0; i < n; i++) {
    const r = rankOfSeen[firstSeen[i] as number] as number;
    rank[i] = r;
    starts[r + 1] = (starts[r + 1] as number) + 1;
  }
  for (let r = 0; r < d; r++) starts[r + 1] = (starts[r + 1] as number) + (starts[r] as number);
  return { distinct, rank, starts };
}

/** Counts events and censorings at each distinct time, in ascending time order. */
export function tallyByTime(observations: readonly SurvivalObservation[]): TimeTally[] {
  const { distinct, rank } = timeRanks(observations);
  const tallies: TimeTally[] = Array.from(distinct, (time) => ({ time, events: 0, censored: 0 }));
  for (let i = 0; i < observations.length; i++) {
    const tally = tallies[rank[i] as number] as TimeTally;
    if ((observations[i] as SurvivalObservation).event) tally.events += 1;
    else tally.censored += 1;
  }
  return tallies;
}
