import { assertCovariates } from './covariates.ts';
import { chiSquareUpperP } from './distributions.ts';
import { coxLikelihood, type CoxRiskData, type CoxTies } from './cox-likelihood.ts';
import { NotEstimableError } from './errors.ts';
import { newtonRaphson } from './newton-raphson.ts';
import { assertSurvivalTimes, type SurvivalObservation } from './survival-data.ts';
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
  const fit = newtonRaphson(p, (beta) => coxLikelihood(data, ties, beta));
  const nullLogLikelihood = coxLikelihood(data, ties, new Array<number>(p).fill(0)).logLikelihood;
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
    events: observations.filter((o) => o.event).length,
    coefficients,
    logLikelihood: fit.logLikelihood,
    nullLogLikelihood,
    likelihoodRatio: { chiSquare, df: p, pValue: chiSquareUpperP(chiSquare, p) },
    iterations: fit.iterations,
    converged: true,
  };
}

/** Sorts by descending time and centres each covariate on its mean, for numerical stability. */
function riskData(observations: readonly CoxObservation[], p: number): CoxRiskData {
  const means = new Array<number>(p).fill(0);
  for (const o of observations) o.covariates.forEach((value, j) => (means[j] = (means[j] ?? 0) + value / observations.length));
  const sorted = [...observations].sort((x, y) => y.time - x.time);
  return {
    times: sorted.map((o) => o.time),
    events: sorted.map((o) => o.event),
    covariates: sorted.map((o) => o.covariates.map((value, j) => value - (means[j] ?? 0))),
  };
}
