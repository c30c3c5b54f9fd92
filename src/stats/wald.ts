import { Z95, twoSidedNormalP } from './distributions.ts';

/** One coefficient with its Wald test and the exponentiated estimate (a hazard or odds ratio). */
export interface WaldCoefficient {
  name: string;
  coefficient: number;
  standardError: number;
  z: number;
  pValue: number;
  /** exp(coefficient) */
  ratio: number;
  /** exp(b ± z·SE) */
  ci95: [number, number];
}

/** Wald z = b/SE, two-sided normal p, and the interval exp(b ± z·SE) for each coefficient. */
export function waldCoefficients(names: readonly string[], coefficients: readonly number[], covariance: readonly (readonly number[])[]): WaldCoefficient[] {
  const z = Z95;
  return coefficients.map((coefficient, i) => {
    const standardError = Math.sqrt(covariance[i]?.[i] ?? Number.NaN);
    const statistic = coefficient / standardError;
    return {
      name: names[i] ?? `x${i + 1}`,
      coefficient,
      standardError,
      z: statistic,
      pValue: twoSidedNormalP(statistic),
      ratio: Math.exp(coefficient),
      ci95: [Math.exp(coefficient - z * standardError), Math.exp(coefficient + z * standardError)],
    };
  });
}
