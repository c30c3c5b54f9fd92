import { symmetric } from './cox-likelihood.ts';
import type { LikelihoodEvaluation } from './newton-raphson.ts';

/**
 * Binomial rows with the intercept column already added: successes of trials, times a frequency
 * weight. The design is stored row by row: row i is design[i·columns … i·columns + columns − 1].
 */
export interface BinomialData {
  columns: number;
  design: Float64Array;
  successes: Float64Array;
  trials: Float64Array;
  weights: Float64Array;
}

/** log(1 + e^η) without overflow. */
export function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** The inverse logit 1/(1 + e^−η). */
export function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** η of row i: Σ x_ij·β_j in column order. */
function linearPredictor(data: BinomialData, i: number, beta: Float64Array): number {
  const offset = i * data.columns;
  let eta = 0;
  for (let j = 0; j < data.columns; j++) eta = eta + (data.design[offset + j] as number) * (beta[j] as number);
  return eta;
}

/**
 * Binomial log-likelihood with the logit link (without the constant binomial coefficients), its score
 * X'(s − n·p) and Fisher information X'WX, W = n·p(1 − p); the canonical link makes Newton = IRLS.
 * One pass over the rows; e^−|η| is computed once for both the probability and log(1 + e^η).
 */
export function logisticLikelihood(data: BinomialData, beta: readonly number[]): LikelihoodEvaluation {
  const p = beta.length;
  const b = Float64Array.from(beta);
  const { design, successes, trials, weights } = data;
  let logLikelihood = 0;
  const gradient = new Float64Array(p);
  const information = new Float64Array((p * (p + 1)) / 2);
  for (let i = 0; i < successes.length; i++) {
    const s = successes[i] as number;
    const n = trials[i] as number;
    const w = weights[i] as number;
    const eta = linearPredictor(data, i, b);
    // as expit(η) and softplus(η), sharing e^−|η| (e^η when η ≤ 0)
    const e = Math.exp(eta > 0 ? -eta : eta);
    const probability = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    logLikelihood += w * (s * eta - n * (eta > 0 ? eta + Math.log1p(e) : Math.log1p(e)));
    const residual = w * (s - n * probability);
    const weight = w * n * probability * (1 - probability);
    const offset = i * p;
    let cell = 0;
    for (let j = 0; j < p; j++) {
      const xj = design[offset + j] as number;
      gradient[j] = (gradient[j] as number) + residual * xj;
      const weighted = weight * xj;
      for (let k = 0; k <= j; k++, cell++) information[cell] = (information[cell] as number) + weighted * (design[offset + k] as number);
    }
  }
  return { logLikelihood, gradient: Array.from(gradient), information: symmetric(information, p) };
}

/**
 * Binomial deviance 2·Σ w[s·log(s/μ) + (n − s)·log((n − s)/(n − μ))], with 0·log 0 = 0; with
 * `interceptOnly`, every row has the one linear predictor β₀.
 */
export function binomialDeviance(data: BinomialData, beta: readonly number[], interceptOnly = false): number {
  const b = Float64Array.from(beta);
  const { successes, trials, weights } = data;
  let deviance = 0;
  for (let i = 0; i < successes.length; i++) {
    const s = successes[i] as number;
    const n = trials[i] as number;
    const w = weights[i] as number;
    const mu = n * expit(interceptOnly ? 0 + 1 * (b[0] as number) : linearPredictor(data, i, b));
    deviance += 2 * w * (xLogXOverY(s, mu) + xLogXOverY(n - s, n - mu));
  }
  return deviance;
}

function xLogXOverY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(x / y);
}
