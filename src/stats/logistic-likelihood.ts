import type { LikelihoodEvaluation } from './newton-raphson.ts';

/** Binomial rows with the intercept column already added: successes of trials, times a frequency weight. */
export interface BinomialData {
  design: number[][];
  successes: number[];
  trials: number[];
  weights: number[];
}

/** log(1 + e^η) without overflow. */
export function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** The inverse logit 1/(1 + e^−η). */
export function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/**
 * Binomial log-likelihood with the logit link (without the constant binomial coefficients), its score
 * X'(s − n·p) and Fisher information X'WX, W = n·p(1 − p); the canonical link makes Newton = IRLS.
 */
export function logisticLikelihood(data: BinomialData, beta: readonly number[]): LikelihoodEvaluation {
  const p = beta.length;
  let logLikelihood = 0;
  const gradient = new Array<number>(p).fill(0);
  const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  data.design.forEach((x, i) => {
    const s = data.successes[i] ?? 0;
    const n = data.trials[i] ?? 0;
    const w = data.weights[i] ?? 1;
    const eta = x.reduce((sum, value, j) => sum + value * (beta[j] ?? 0), 0);
    const probability = expit(eta);
    logLikelihood += w * (s * eta - n * softplus(eta));
    const residual = w * (s - n * probability);
    const weight = w * n * probability * (1 - probability);
    for (let j = 0; j < p; j++) {
      const xj = x[j] ?? 0;
      gradient[j] = (gradient[j] ?? 0) + residual * xj;
      const row = information[j] as number[];
      for (let k = 0; k < p; k++) row[k] = (row[k] ?? 0) + weight * xj * (x[k] ?? 0);
    }
  });
  return { logLikelihood, gradient, information };
}

/** Binomial deviance 2·Σ w[s·log(s/μ) + (n − s)·log((n − s)/(n − μ))], with 0·log 0 = 0. */
export function binomialDeviance(data: BinomialData, beta: readonly number[]): number {
  let deviance = 0;
  data.design.forEach((x, i) => {
    const s = data.successes[i] ?? 0;
    const n = data.trials[i] ?? 0;
    const w = data.weights[i] ?? 1;
    const mu = n * expit(x.reduce((sum, value, j) => sum + value * (beta[j] ?? 0), 0));
    deviance += 2 * w * (xLogXOverY(s, mu) + xLogXOverY(n - s, n - mu));
  });
  return deviance;
}

function xLogXOverY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(x / y);
}
