import { assertCovariates } from './covariates.ts';
import { binomialDeviance, expit, logisticLikelihood, type BinomialData } from './logistic-likelihood.ts';
import { newtonRaphson } from './newton-raphson.ts';
import { assertCount } from './validation.ts';
import { waldCoefficients } from './wald.ts';

interface RowBase {
  covariates: readonly number[];
  /** frequency weight (default 1) */
  weight?: number;
}

/** One person (y = 0 or 1) or one group of identical covariates (successes out of trials). */
export type LogisticRow = RowBase & ({ y: 0 | 1 } | { successes: number; trials: number });

export interface LogisticCoefficient {
  name: string;
  coefficient: number;
  standardError: number;
  z: number;
  pValue: number;
  oddsRatio: number;
  /** Wald interval for the odds ratio, exp(b ± 1.959964·SE) */
  ci95: [number, number];
}

export interface LogisticModel {
  /** '(Intercept)' first, then the covariates in order */
  coefficients: LogisticCoefficient[];
  logLikelihood: number;
  /** deviance against the saturated model for the rows as given (depends on the grouping) */
  deviance: number;
  nullDeviance: number;
  residualDf: number;
  iterations: number;
  converged: true;
  /** η = b0 + Σ bj·xj for a set of covariates (e.g. the logit of a propensity score) */
  predictLogit(covariates: readonly number[]): number;
  /** the fitted probability 1/(1 + e^−η) */
  predictProbability(covariates: readonly number[]): number;
}

export const INTERCEPT = '(Intercept)';

/**
 * Logistic regression with an intercept by maximum likelihood: Newton–Raphson (= IRLS for the logit
 * link) from β = 0 with step-halving (McCullagh & Nelder 1989, ch. 4). Throws NotEstimableError when
 * the information is singular or estimates diverge (complete separation).
 */
export function logisticRegression(rows: readonly LogisticRow[], names: readonly string[]): LogisticModel {
  assertCovariates(rows, names);
  const data = binomialData(rows, names.length);
  const fit = newtonRaphson(names.length + 1, (beta) => logisticLikelihood(data, beta));
  const beta = fit.coefficients;
  const coefficients = waldCoefficients([INTERCEPT, ...names], beta, fit.covariance).map(({ ratio, ...rest }) => ({
    name: rest.name,
    coefficient: rest.coefficient,
    standardError: rest.standardError,
    z: rest.z,
    pValue: rest.pValue,
    oddsRatio: ratio,
    ci95: rest.ci95,
  }));
  const predictLogit = (covariates: readonly number[]): number => {
    if (covariates.length !== names.length) throw new RangeError(`expected ${names.length} covariates, got ${covariates.length}`);
    return covariates.reduce((sum, value, j) => sum + value * (beta[j + 1] ?? 0), beta[0] ?? 0);
  };
  return {
    coefficients,
    logLikelihood: fit.logLikelihood,
    deviance: binomialDeviance(data, beta),
    nullDeviance: nullDeviance(data),
    residualDf: rows.length - beta.length,
    iterations: fit.iterations,
    converged: true,
    predictLogit,
    predictProbability: (covariates) => expit(predictLogit(covariates)),
  };
}

function binomialData(rows: readonly LogisticRow[], p: number): BinomialData {
  const n = rows.length;
  const columns = p + 1;
  const data: BinomialData = {
    columns,
    design: new Float64Array(n * columns),
    successes: new Float64Array(n),
    trials: new Float64Array(n),
    weights: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i] as LogisticRow;
    const [successes, trials] = 'y' in row ? [row.y, 1] : [row.successes, row.trials];
    // the labels are built only for a row that fails
    if (!(Number.isInteger(successes) && successes >= 0)) assertCount(successes, `row ${i + 1}: successes`);
    if (!(Number.isInteger(trials) && trials >= 0)) assertCount(trials, `row ${i + 1}: trials`);
    if (successes > trials) throw new RangeError(`row ${i + 1}: successes cannot exceed trials`);
    const weight = row.weight ?? 1;
    if (!(Number.isFinite(weight) && weight >= 0)) throw new RangeError(`row ${i + 1}: weight must be 0 or more`);
    const offset = i * columns;
    data.design[offset] = 1;
    for (let j = 0; j < p; j++) data.design[offset + 1 + j] = row.covariates[j] as number;
    data.successes[i] = successes;
    data.trials[i] = trials;
    data.weights[i] = weight;
  }
  return data;
}

/** Deviance of the intercept-only model (every row at the overall proportion). */
function nullDeviance(data: BinomialData): number {
  let successes = 0;
  let trials = 0;
  for (let i = 0; i < data.successes.length; i++) {
    successes += (data.successes[i] as number) * (data.weights[i] as number);
    trials += (data.trials[i] as number) * (data.weights[i] as number);
  }
  const overall = successes / trials;
  const eta = overall > 0 && overall < 1 ? Math.log(overall / (1 - overall)) : overall === 0 ? -Infinity : Infinity;
  return binomialDeviance(data, [eta], true);
}
