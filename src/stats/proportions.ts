import { Z95 } from './distributions.ts';
import { assertProportion } from './validation.ts';

export interface Interval {
  lower: number;
  upper: number;
}

export interface DifferenceInterval extends Interval {
  /** p1 − p2 */
  difference: number;
}

/** Wilson score interval for r/n without continuity correction (Wilson 1927; Newcombe 1998a, method 3). */
export function wilsonInterval(r: number, n: number, z: number = Z95): Interval {
  assertProportion(r, n);
  const p = r / n;
  const z2 = z * z;
  const centre = 2 * r + z2;
  const spread = z * Math.sqrt(z2 + 4 * r * (1 - p));
  const denominator = 2 * (n + z2);
  return {
    lower: r === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    upper: r === n ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}

/**
 * Interval for p1 − p2 of independent proportions by the hybrid score method built from the two
 * Wilson intervals (Newcombe 1998b, method 10), truncated to [−1, 1].
 */
export function newcombeDifference(r1: number, n1: number, r2: number, n2: number, z: number = Z95): DifferenceInterval {
  assertProportion(r1, n1, 'group 1');
  assertProportion(r2, n2, 'group 2');
  const p1 = r1 / n1;
  const p2 = r2 / n2;
  const w1 = wilsonInterval(r1, n1, z);
  const w2 = wilsonInterval(r2, n2, z);
  const difference = p1 - p2;
  const lower = difference - Math.hypot(p1 - w1.lower, w2.upper - p2);
  const upper = difference + Math.hypot(w1.upper - p1, p2 - w2.lower);
  return { difference, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}
