import { assertCovariates } from './covariates.ts';
import { chiSquareUpperP } from './distributions.ts';
import { coxLikelihood, type CoxRiskData, type CoxTies } from './cox-likelihood.ts';
import { NotEstimableError } from './errors.ts';
import { newtonRaphson } from './newton-raphson.ts';
import { assertSurvivalTimes, timeRanks, type SurvivalObservation } from './survival-data.ts';
import { waldCoefficients } from './wald.ts';

export type { CoxTies } from './cox-likelihood.ts';

export interface CoxObservation extends SurvivalObservation {
  covariates: readonly number[];
}

export interface CoxOptions {
  ties: CoxTies;
  /** one name per covariate, in order */
  names: readonly string[];
}

export interface CoxCoefficient {
  name: string;
  coefficient: number;
  standardError: number;
  hazardRatio: number;
  /** Wald interval for the hazard ratio, exp(b ± 1.959964·SE) */
  ci95: [number, number];
  z: number;
  pValue: number;
}

export interface CoxModel {
  ties: CoxTies;
  n: number;
  events: number;
  coefficients: CoxCoefficient[];
  /** log partial likelihood at the estimate, and at β = 0 */
  logLikelihood: number;
  nullLogLikelihood: number;
  /** likelihood-ratio test of all coefficients = 0 */
  likelihoodRatio: { chiSquare: number; df: number; pValue: number };
  iterations: number;
  converged: true;
}

/**
 * Cox (1972) proportional-hazards model by Newton–Raphson on the partial likelihood from β = 0 with
 * step-halving, Breslow or Efron (1977) ties; Wald SEs from the inverse information. Throws
 * NotEstimableError when the information is singular or the fit does not converge.
 */
export function coxProportionalHazards(observations: readonly CoxObservation[], options: CoxOptions): CoxModel {
  const { ties, names } = options;
  assertSurvivalTimes(observations);
  const p = names.length;
  if (p === 0) throw new RangeError('The Cox model needs at least one covariate');
  assertCovariates(observations, names);
  if (!observations.some((o) => o.event)) throw new NotEstimableError('no-events', 'The Cox model needs at least one event');
  const data = riskData(observations, p);
  const atZero = coxLikelihood(data, ties, new Array<number>(p).fill(0));
  const fit = newtonRaphson(p, (beta) => coxLikelihood(data, ties, beta), { atZero });
  const nullLogLikelihood = atZero.logLikelihood;
  const chiSquare = 2 * (fit.logLikelihood - nullLogLikelihood);
  const coefficients = waldCoefficients(names, fit.coefficients, fit.covariance).map(({ ratio, ...rest }) => ({
    name: rest.name,
    coefficient: rest.coefficient,
    standardError: rest.standardError,
    hazardRatio: ratio,
    ci95: rest.ci95,
    z: rest.z,
    pValue: rest.pValue,
  }));
  return {
    ties,
    n: observations.length,
    events: data.events.reduce((sum, event) => sum + event, 0),
    coefficients,
    logLikelihood: fit.logLikelihood,
    nullLogLikelihood,
    likelihoodRatio: { chiSquare, df: p, pValue: chiSquareUpperP(chiSquare, p) },
    iterations: fit.iterations,
    converged: true,
  };
}

/**
 * Sorts by descending time (ties in input order) and centres each covariate on its mean, for
 * numerical stability. The rows are read in input order and each written to its place by its
 * time's rank (a counting sort), so the objects are visited in the order they lie in memory.
 */
function riskData(observations: readonly CoxObservation[], p: number): CoxRiskData {
  const n = observations.length;
  const means = new Array<number>(p).fill(0);
  for (const o of observations) {
    for (let j = 0; j < p; j++) means[j] = (means[j] ?? 0) + (o.covariates[j] as number) / n;
  }
  const { rank, starts } = timeRanks(observations);
  // the next free row of each distinct time's run, the runs from the longest time down
  const next = new Uint32Array(starts.length - 1);
  for (let r = 0; r < next.length; r++) next[r] = n - (starts[r + 1] as number);
  const times = new Float64Array(n);
  const events = new Uint8Array(n);
  const covariates = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = observations[i] as CoxObservation;
    const r = rank[i] as number;
    const row = next[r] as number;
    next[r] = row + 1;
    times[row] = o.time;
    events[row] = o.event ? 1 : 0;
    for (let j = 0; j < p; j++) covariates[row * p + j] = (o.covariates[j] as number) - (means[j] ?? 0);
  }
  return { p, times, events, covariates };
}
