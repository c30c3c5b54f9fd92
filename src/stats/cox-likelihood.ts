import type { LikelihoodEvaluation } from './newton-raphson.ts';

export type CoxTies = 'efron' | 'breslow';

/**
 * Rows sorted by descending time (tied times in input order), covariates centred (the partial
 * likelihood does not change) and stored row by row: row i's covariates are covariates[i·p … i·p + p − 1].
 */
export interface CoxRiskData {
  p: number;
  times: Float64Array;
  events: Uint8Array;
  covariates: Float64Array;
}

/**
 * Cox partial log-likelihood, score and information at β with Breslow's or Efron's (1977) handling of
 * tied event times. Risk sets are accumulated from the longest time down, so one pass per evaluation;
 * the weighted sums live in typed arrays allocated once per evaluation (only the lower triangle of
 * the second moments is kept).
 */
export function coxLikelihood(data: CoxRiskData, ties: CoxTies, beta: readonly number[]): LikelihoodEvaluation {
  const { p, times, events, covariates } = data;
  const b = Float64Array.from(beta);
  const triangle = (p * (p + 1)) / 2;
  // risk set and tied deaths: s0, then s1 (p), then s2's lower triangle row by row
  const risk = new Float64Array(1 + p + triangle);
  const tied = new Float64Array(1 + p + triangle);
  const gradient = new Float64Array(p);
  const information = new Float64Array(triangle);
  const means = new Float64Array(p);
  let logLikelihood = 0;
  const n = times.length;
  let i = 0;
  while (i < n) {
    const time = times[i];
    tied.fill(0);
    let deaths = 0;
    for (; i < n && times[i] === time; i++) {
      const offset = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta = eta + (covariates[offset + j] as number) * (b[j] as number);
      const weight = Math.exp(eta);
      if (events[i]) {
        addBoth(risk, tied, covariates, offset, p, weight);
        deaths += 1;
        logLikelihood += Math.log(weight);
        for (let j = 0; j < p; j++) gradient[j] = (gradient[j] as number) + (covariates[offset + j] as number);
      } else add(risk, covariates, offset, p, weight);
    }
    for (let l = 0; l < deaths; l++) {
      const share = ties === 'efron' ? l / deaths : 0;
      const s0 = (risk[0] as number) - share * (tied[0] as number);
      logLikelihood -= Math.log(s0);
      for (let j = 0; j < p; j++) means[j] = ((risk[1 + j] as number) - share * (tied[1 + j] as number)) / s0;
      let cell = 0;
      for (let j = 0; j < p; j++) {
        const meanJ = means[j] as number;
        gradient[j] = (gradient[j] as number) - meanJ;
        for (let k = 0; k <= j; k++, cell++) {
          const second = ((risk[1 + p + cell] as number) - share * (tied[1 + p + cell] as number)) / s0;
          information[cell] = (information[cell] as number) + second - meanJ * (means[k] as number);
        }
      }
    }
  }
  return { logLikelihood, gradient: Array.from(gradient), information: symmetric(information, p) };
}

/** Adds one row's weighted covariates and lower-triangle products to the sums. */
function add(target: Float64Array, covariates: Float64Array, offset: number, p: number, weight: number): void {
  target[0] = (target[0] as number) + weight;
  let cell = 1 + p;
  for (let j = 0; j < p; j++) {
    const weighted = weight * (covariates[offset + j] as number);
    target[1 + j] = (target[1 + j] as number) + weighted;
    for (let k = 0; k <= j; k++, cell++) target[cell] = (target[cell] as number) + weighted * (covariates[offset + k] as number);
  }
}

/** add() to the risk set and to the tied deaths at once, each product computed once. */
function addBoth(risk: Float64Array, tied: Float64Array, covariates: Float64Array, offset: number, p: number, weight: number): void {
  risk[0] = (risk[0] as number) + weight;
  tied[0] = (tied[0] as number) + weight;
  let cell = 1 + p;
  for (let j = 0; j < p; j++) {
    const weighted = weight * (covariates[offset + j] as number);
    risk[1 + j] = (risk[1 + j] as number) + weighted;
    tied[1 + j] = (tied[1 + j] as number) + weighted;
    for (let k = 0; k <= j; k++, cell++) {
      const product = weighted * (covariates[offset + k] as number);
      risk[cell] = (risk[cell] as number) + product;
      tied[cell] = (tied[cell] as number) + product;
    }
  }
}

/** A p×p symmetric matrix as nested arrays from its lower triangle stored row by row. */
export function symmetric(lower: Float64Array, p: number): number[][] {
  const matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let cell = 0;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++, cell++) {
      (matrix[j] as number[])[k] = lower[cell] as number;
      (matrix[k] as number[])[j] = lower[cell] as number;
    }
  }
  return matrix;
}
