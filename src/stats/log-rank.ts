import { chiSquareUpperP } from './distributions.ts';
import { NotEstimableError } from './errors.ts';
import { choleskyOrNull, quadraticForm } from './linear-algebra.ts';
import { assertSurvivalTimes, timeRanks, type SurvivalObservation } from './survival-data.ts';

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
  const index = new Map<string, number>();
  const groupOf = new Uint32Array(observations.length);
  observations.forEach((o, i) => {
    let g = index.get(o.group);
    if (g === undefined) index.set(o.group, (g = index.size));
    groupOf[i] = g;
  });
  const names = [...index.keys()];
  const k = names.length;
  if (k < 2) throw new NotEstimableError('too-few-groups', 'The log-rank test needs at least two groups');
  const { rank, starts } = timeRanks(observations);
  const d = starts.length - 1;
  // leaving and dying at each distinct time, per group: counted in one pass in input order
  const leavingAt = new Uint32Array(d * k);
  const deathsAt = new Uint32Array(d * k);
  const atRisk = new Array<number>(k).fill(0);
  for (let i = 0; i < observations.length; i++) {
    const g = groupOf[i] as number;
    const cell = (rank[i] as number) * k + g;
    atRisk[g] = (atRisk[g] ?? 0) + 1;
    leavingAt[cell] = (leavingAt[cell] as number) + 1;
    if ((observations[i] as GroupedSurvivalObservation).event) deathsAt[cell] = (deathsAt[cell] as number) + 1;
  }
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const covariance = names.map(() => new Array<number>(k).fill(0));
  const deaths = new Array<number>(k).fill(0);
  for (let r = 0; r < d; r++) {
    for (let g = 0; g < k; g++) deaths[g] = deathsAt[r * k + g] as number;
    accumulate(atRisk, deaths, observed, expected, covariance);
    for (let g = 0; g < k; g++) atRisk[g] = (atRisk[g] ?? 0) - (leavingAt[r * k + g] as number);
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
