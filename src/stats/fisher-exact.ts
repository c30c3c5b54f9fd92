import { hypergeometricPmf } from './distributions.ts';
import { assertCount } from './validation.ts';

/** A 2×2 table [[a, b], [c, d]]: rows are the groups, columns the outcome (e.g. returned, not returned). */
export type TwoByTwo = readonly [readonly [number, number], readonly [number, number]];

export interface FisherExactTest {
  /** two-sided: sum of the probabilities of all tables (same margins) no more probable than the observed */
  pValue: number;
  /** P(a' ≤ a): evidence that the top-left cell is smaller than expected (odds ratio < 1) */
  oneSidedLess: number;
  /** P(a' ≥ a): evidence that the top-left cell is larger than expected (odds ratio > 1) */
  oneSidedGreater: number;
}

/** Relative tolerance for treating two table probabilities as equal (floating-point ties), as R's fisher.test. */
const RELATIVE_TOLERANCE = 1e-7;

/**
 * Fisher's exact test for a 2×2 table, conditional on both margins (hypergeometric; Fisher 1935,
 * Agresti 2002 §3.5.1). Two-sided by the "probabilities ≤ observed" rule, not by doubling.
 */
export function fisherExact(table: TwoByTwo): FisherExactTest {
  const [[a, b], [c, d]] = table;
  for (const [value, label] of [
    [a, 'a'],
    [b, 'b'],
    [c, 'c'],
    [d, 'd'],
  ] as const)
    assertCount(value, `cell ${label}`);
  const total = a + b + c + d;
  const rowOne = a + b;
  const columnOne = a + c;
  const lowest = Math.max(0, columnOne - (total - rowOne));
  const highest = Math.min(columnOne, rowOne);
  const probability = (x: number): number => hypergeometricPmf(x, total, rowOne, columnOne);
  const observed = probability(a);
  let pValue = 0;
  let oneSidedLess = 0;
  let oneSidedGreater = 0;
  for (let x = lowest; x <= highest; x++) {
    const p = probability(x);
    if (p <= observed * (1 + RELATIVE_TOLERANCE)) pValue += p;
    if (x <= a) oneSidedLess += p;
    if (x >= a) oneSidedGreater += p;
  }
  return { pValue: Math.min(1, pValue), oneSidedLess: Math.min(1, oneSidedLess), oneSidedGreater: Math.min(1, oneSidedGreater) };
}
