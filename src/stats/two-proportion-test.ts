import { twoSidedNormalP } from './distributions.ts';
import { assertProportion } from './validation.ts';

export interface TwoProportionTest {
  /** (p1 − p2) / pooled standard error */
  z: number;
  /** Pearson X² on 1 df without continuity correction; equals z² */
  chiSquare: number;
  /** two-sided p value */
  pValue: number;
  /** pooled standard error √(p(1 − p)(1/n1 + 1/n2)) */
  standardError: number;
}

/**
 * Pooled two-proportion z test, two-sided, no continuity correction (equivalent to Pearson's X² on the
 * 2×2 table). When every outcome is the same (pooled p of 0 or 1) there is no variation: z = 0, p = 1.
 */
export function twoProportionTest(r1: number, n1: number, r2: number, n2: number): TwoProportionTest {
  assertProportion(r1, n1, 'group 1');
  assertProportion(r2, n2, 'group 2');
  const pooled = (r1 + r2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (standardError === 0) return { z: 0, chiSquare: 0, pValue: 1, standardError };
  const z = (r1 / n1 - r2 / n2) / standardError;
  return { z, chiSquare: z * z, pValue: twoSidedNormalP(z), standardError };
}
