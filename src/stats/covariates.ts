import { NotEstimableError } from './errors.ts';
import { assertFinite } from './validation.ts';

/**
 * Checks every row has one finite value per named covariate, and that each covariate varies: a
 * covariate with one value throughout has no estimate (NotEstimableError, reason 'singular').
 */
export function assertCovariates(rows: readonly { covariates: readonly number[] }[], names: readonly string[]): void {
  const p = names.length;
  for (let i = 0; i < rows.length; i++) {
    const covariates = (rows[i] as { covariates: readonly number[] }).covariates;
    if (covariates.length !== p) throw new RangeError(`row ${i + 1}: expected ${p} covariates, got ${covariates.length}`);
    for (let j = 0; j < p; j++) {
      const value = covariates[j] as number;
      // the label is built only for the value that fails
      if (!Number.isFinite(value)) assertFinite(value, `row ${i + 1}: ${names[j]}`);
    }
  }
  names.forEach((name, j) => {
    const first = rows[0]?.covariates[j];
    if (rows.every((row) => row.covariates[j] === first)) {
      throw new NotEstimableError('singular', `The model cannot be estimated: ${name} has the same value for everyone`);
    }
  });
}
