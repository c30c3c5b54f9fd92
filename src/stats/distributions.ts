import normalCdfLib from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileLib from '@stdlib/stats-base-dists-normal-quantile';
import chiSquareCdfLib from '@stdlib/stats-base-dists-chisquare-cdf';
import hypergeometricPmfLib from '@stdlib/stats-base-dists-hypergeometric-pmf';

/** Standard normal cumulative distribution Φ(x) (stdlib, via erfc). */
export function normalCdf(x: number): number {
  return normalCdfLib(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p) (stdlib, via erfinv). */
export function normalQuantile(p: number): number {
  return normalQuantileLib(p, 0, 1);
}

/** Two-sided normal p value 2·Φ(−|z|), computed in the lower tail so small p keep their precision. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Upper tail P(X ≥ x) of a chi-square distribution with `df` degrees of freedom (stdlib). */
export function chiSquareUpperP(x: number, df: number): number {
  if (x <= 0) return 1;
  return Math.max(0, 1 - chiSquareCdfLib(x, df));
}

/** Hypergeometric P(X = x): x successes in `draws` draws from `population` holding `successes` (stdlib). */
export function hypergeometricPmf(x: number, population: number, successes: number, draws: number): number {
  return hypergeometricPmfLib(x, population, successes, draws);
}

/** Critical value z for a two-sided interval at confidence `level` (0.95 → 1.959964), Φ⁻¹(1 − (1 − level)/2). */
export function zFor(level = 0.95): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie between 0 and 1 (got ${level})`);
  return normalQuantile(1 - (1 - level) / 2);
}

/** z = 1.959964…, the 0.975 normal quantile, for two-sided 95% intervals. */
export const Z95 = zFor(0.95);
