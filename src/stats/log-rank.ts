import { chiSquareUpperP } from './distributions.ts';
import { NotEstimableError } from './errors.ts';
import { choleskyOrNull, quadraticForm } from './linear-algebra.ts';
import { assertSurvivalTimes, type SurvivalObservation } from './survival-data.ts';

export interface GroupedSurvivalObservation extends SurvivalObservation {
  group: string;
}

export interface LogRankGroup {
  group: string;
  observed: number;
  expected: number;
}

export interface LogRankTest {
  /** in order of first appearance in the input */
  groups: LogRankGroup[];
  chiSquare: number;
  df: number;
  pValue: number;
}

/**
 * Log-rank (Mantel–Haenszel) test of equal survival in 2 or more groups: hypergeometric variance with
 * the (n − d)/(n − 1) ties factor, χ² = U'V⁻¹U on k − 1 df over the first k − 1 groups (Peto & Peto 1972;
 * as R's survdiff with rho = 0).
 */
export function logRank(observations: readonly GroupedSurvivalObservation[]): LogRankTest {
  assertSurvivalTimes(observations);
  const names = [...new Set(observations.map((o) => o.group))];
  const k = names.length;
  if (k < 2) throw new NotEstimableError('too-few-groups', 'The log-rank test needs at least two groups');
  const index = new Map(names.map((name, i) => [name, i]));
  const sorted = [...observations].sort((x, y) => x.time - y.time);
  const atRisk = names.map((name) => sorted.filter((o) => o.group === name).length);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const covariance = names.map(() => new Array<number>(k).fill(0));
  let start = 0;
  while (start < sorted.length) {
    const time = sorted[start]?.time;
    let end = start;
    const deaths = new Array<number>(k).fill(0);
    const leaving = new Array<number>(k).fill(0);
    for (; end < sorted.length && sorted[end]?.time === time; end++) {
      const o = sorted[end] as GroupedSurvivalObservation;
      const g = index.get(o.group) as number;
      leaving[g] = (leaving[g] ?? 0) + 1;
      if (o.event) deaths[g] = (deaths[g] ?? 0) + 1;
    }
    accumulate(atRisk, deaths, observed, expected, covariance);
    atRisk.forEach((n, g) => (atRisk[g] = n - (leaving[g] ?? 0)));
    start = end;
  }
  const u = observed.slice(0, k - 1).map((o, g) => o - (expected[g] ?? 0));
  const decomposition = choleskyOrNull(covariance.slice(0, k - 1).map((row) => row.slice(0, k - 1)));
  if (!decomposition) {
    throw new NotEstimableError('singular', 'The log-rank test has no variance: no events among people followed in more than one group');
  }
  const chiSquare = quadraticForm(decomposition, u);
  const groups = names.map((group, g) => ({ group, observed: observed[g] ?? 0, expected: expected[g] ?? 0 }));
  return { groups, chiSquare, df: k - 1, pValue: chiSquareUpperP(chiSquare, k - 1) };
}

/** Adds one distinct time's observed, expected and hypergeometric covariance terms. */
function accumulate(atRisk: number[], deaths: number[], observed: number[], expected: number[], covariance: number[][]): void {
  const n = atRisk.reduce((sum, value) => sum + value, 0);
  const d = deaths.reduce((sum, value) => sum + value, 0);
  if (d === 0) return;
  const ties = n > 1 ? (n - d) / (n - 1) : 0;
  atRisk.forEach((ng, g) => {
    observed[g] = (observed[g] ?? 0) + (deaths[g] ?? 0);
    expected[g] = (expected[g] ?? 0) + (d * ng) / n;
    const row = covariance[g] as number[];
    atRisk.forEach((nh, h) => {
      const share = (g === h ? 1 : 0) - nh / n;
      row[h] = (row[h] ?? 0) + ((d * ties * ng) / n) * share;
    });
  });
}
