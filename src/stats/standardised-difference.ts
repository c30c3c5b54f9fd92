import { assertFinite } from './validation.ts';

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Sample variance with divisor n − 1 (0 for a single value). */
export function sampleVariance(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const centre = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += ((values[i] as number) - centre) ** 2;
  return sum / (values.length - 1);
}

/** Difference over a pooled SD; 0 when nothing differs, ±Infinity when only the means differ. */
function ratio(difference: number, variance: number): number {
  if (difference === 0) return 0;
  return variance > 0 ? difference / Math.sqrt(variance) : Math.sign(difference) * Number.POSITIVE_INFINITY;
}

function assertGroups(treated: readonly number[], control: readonly number[]): void {
  if (treated.length === 0 || control.length === 0) throw new RangeError('both groups need at least one value');
  // the label (numbered across both groups) is built only for a value that fails
  treated.forEach((value, i) => {
    if (!Number.isFinite(value)) assertFinite(value, `value ${i + 1}`);
  });
  control.forEach((value, i) => {
    if (!Number.isFinite(value)) assertFinite(value, `value ${treated.length + i + 1}`);
  });
}

/**
 * Standardised mean difference of a continuous variable, (x̄T − x̄C)/√((s²T + s²C)/2) with sample
 * variances (n − 1) in the groups given (Austin 2011; Austin 2009).
 */
export function standardisedDifferenceContinuous(treated: readonly number[], control: readonly number[]): number {
  assertGroups(treated, control);
  return ratio(mean(treated) - mean(control), (sampleVariance(treated) + sampleVariance(control)) / 2);
}

/** Standardised difference of two proportions, (pT − pC)/√((pT(1 − pT) + pC(1 − pC))/2) (Austin 2011; Austin 2009). */
export function standardisedDifferenceOfProportions(treatedProportion: number, controlProportion: number): number {
  for (const p of [treatedProportion, controlProportion]) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`a proportion must lie between 0 and 1 (got ${p})`);
  }
  const variance = (treatedProportion * (1 - treatedProportion) + controlProportion * (1 - controlProportion)) / 2;
  return ratio(treatedProportion - controlProportion, variance);
}

/** Standardised difference of a binary variable given as 0/1 (or false/true) values per person (Austin 2011). */
export function standardisedDifferenceBinary(treated: readonly (0 | 1 | boolean)[], control: readonly (0 | 1 | boolean)[]): number {
  if (treated.length === 0 || control.length === 0) throw new RangeError('both groups need at least one value');
  const share = (values: readonly (0 | 1 | boolean)[]): number => {
    let count = 0;
    for (const v of values) if (v === 1 || v === true) count += 1;
    return count / values.length;
  };
  return standardisedDifferenceOfProportions(share(treated), share(control));
}

/** Standardised difference of a continuous or a 0/1 binary variable, as the two functions above. */
export function standardisedDifference(treated: readonly number[], control: readonly number[], kind: 'continuous' | 'binary'): number {
  if (kind === 'continuous') return standardisedDifferenceContinuous(treated, control);
  for (const values of [treated, control]) {
    for (const value of values) if (value !== 0 && value !== 1) throw new RangeError(`a binary variable takes 0 or 1 (got ${value})`);
  }
  return standardisedDifferenceBinary(treated as readonly (0 | 1)[], control as readonly (0 | 1)[]);
}
