import { Z95 } from './distributions.ts';
import { assertSurvivalTimes, tallyByTime, type SurvivalObservation } from './survival-data.ts';

/** The estimate just after one distinct event time. */
export interface KaplanMeierRow {
  time: number;
  /** in follow-up at `time`, including anyone censored at `time` */
  atRisk: number;
  events: number;
  /** censored at or after `time` and before the next event time (Stata's "net lost") */
  censored: number;
  survival: number;
  /** Greenwood standard error of S(t); null where S(t) = 0 */
  standardError: number | null;
  /** log(−log) interval; null where S(t) is 0 or 1 */
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeierCurve {
  n: number;
  events: number;
  /** censored before the first event time (they appear in no row) */
  censoredBeforeFirstEvent: number;
  /** the longest follow-up time observed (event or censoring) */
  lastTime: number | null;
  /** the first event time at which S(t) ≤ 0.5; null if the curve never falls that far */
  median: number | null;
  rows: KaplanMeierRow[];
}

/**
 * Kaplan–Meier product-limit estimate (Kaplan & Meier 1958) with Greenwood's variance and the
 * log(−log) interval S^exp(±z·σ), σ = √(Σ d/(n(n − d))) / |log S| (Kalbfleisch & Prentice; Stata's default).
 * A censoring tied with an event time is at risk at that time.
 */
export function kaplanMeier(observations: readonly SurvivalObservation[], z: number = Z95): KaplanMeierCurve {
  assertSurvivalTimes(observations);
  const tallies = tallyByTime(observations);
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  let censoredBeforeFirstEvent = 0;
  const rows: KaplanMeierRow[] = [];
  for (const tally of tallies) {
    if (tally.events === 0) {
      const last = rows.at(-1);
      if (last) last.censored += tally.censored;
      else censoredBeforeFirstEvent += tally.censored;
      atRisk -= tally.censored;
      continue;
    }
    const d = tally.events;
    survival *= 1 - d / atRisk;
    greenwoodSum += atRisk > d ? d / (atRisk * (atRisk - d)) : Number.POSITIVE_INFINITY;
    rows.push({
      time: tally.time,
      atRisk,
      events: d,
      censored: tally.censored,
      survival,
      standardError: survival > 0 ? survival * Math.sqrt(greenwoodSum) : null,
      ...logMinusLogInterval(survival, greenwoodSum, z),
    });
    atRisk -= d + tally.censored;
  }
  const lastTime = tallies.at(-1)?.time ?? null;
  const events = rows.reduce((sum, row) => sum + row.events, 0);
  return { n: observations.length, events, censoredBeforeFirstEvent, lastTime, median: medianOf(rows), rows };
}

/** log(−log) (complementary log-log) interval for S; the lower limit takes the + sign in the exponent. */
function logMinusLogInterval(survival: number, greenwoodSum: number, z: number): Pick<KaplanMeierRow, 'lower' | 'upper'> {
  if (survival <= 0 || survival >= 1) return { lower: null, upper: null };
  const sigma = Math.sqrt(greenwoodSum) / Math.abs(Math.log(survival));
  return { lower: survival ** Math.exp(z * sigma), upper: survival ** Math.exp(-z * sigma) };
}

/** Median survival: the first event time at which S(t) ≤ 0.5. */
function medianOf(rows: readonly KaplanMeierRow[]): number | null {
  return rows.find((row) => row.survival <= 0.5)?.time ?? null;
}

/** S(t) and its interval read from a Kaplan–Meier curve at time `t`. */
export interface SurvivalPoint {
  time: number;
  survival: number;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * S(t) from the right-continuous step function (events at t count). Before the first event S = 1 with
 * no interval. Null when t lies beyond the longest follow-up and the curve has not reached 0: not estimated.
 */
export function survivalAt(curve: KaplanMeierCurve, t: number): SurvivalPoint | null {
  let current: KaplanMeierRow | undefined;
  for (const row of curve.rows) {
    if (row.time > t) break;
    current = row;
  }
  if (current && current.survival === 0) return { ...pointOf(current), time: t };
  if (curve.lastTime === null || t > curve.lastTime) return null;
  if (!current) return { time: t, survival: 1, standardError: 0, lower: null, upper: null };
  return { ...pointOf(current), time: t };
}

function pointOf(row: KaplanMeierRow): SurvivalPoint {
  const { time, survival, standardError, lower, upper } = row;
  return { time, survival, standardError, lower, upper };
}
