import type { LikelihoodEvaluation } from './newton-raphson.ts';

export type CoxTies = 'efron' | 'breslow';

/** Rows sorted by descending time, covariates centred (the partial likelihood does not change). */
export interface CoxRiskData {
  times: number[];
  events: boolean[];
  covariates: number[][];
}

/**
 * Cox partial log-likelihood, score and information at β with Breslow's or Efron's (1977) handling of
 * tied event times. Risk sets are accumulated from the longest time down, so one pass per evaluation.
 */
export function coxLikelihood(data: CoxRiskData, ties: CoxTies, beta: readonly number[]): LikelihoodEvaluation {
  const p = beta.length;
  const { times, events, covariates } = data;
  const risk = sums(p);
  let logLikelihood = 0;
  const gradient = new Array<number>(p).fill(0);
  const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let i = 0;
  while (i < times.length) {
    const time = times[i];
    const tied = sums(p);
    let deaths = 0;
    for (; i < times.length && times[i] === time; i++) {
      const x = covariates[i] as number[];
      const weight = Math.exp(x.reduce((sum, value, j) => sum + value * (beta[j] ?? 0), 0));
      add(risk, x, weight);
      if (events[i]) {
        add(tied, x, weight);
        deaths += 1;
        logLikelihood += Math.log(weight);
        x.forEach((value, j) => (gradient[j] = (gradient[j] ?? 0) + value));
      }
    }
    for (let l = 0; l < deaths; l++) {
      const share = ties === 'efron' ? l / deaths : 0;
      const s0 = risk.s0 - share * tied.s0;
      logLikelihood -= Math.log(s0);
      for (let j = 0; j < p; j++) {
        const meanJ = ((risk.s1[j] ?? 0) - share * (tied.s1[j] ?? 0)) / s0;
        gradient[j] = (gradient[j] ?? 0) - meanJ;
        const row = information[j] as number[];
        for (let k = 0; k <= j; k++) {
          const meanK = ((risk.s1[k] ?? 0) - share * (tied.s1[k] ?? 0)) / s0;
          const second = ((risk.s2[j]?.[k] ?? 0) - share * (tied.s2[j]?.[k] ?? 0)) / s0;
          row[k] = (row[k] ?? 0) + second - meanJ * meanK;
        }
      }
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) (information[k] as number[])[j] = information[j]?.[k] ?? 0;
  return { logLikelihood, gradient, information };
}

interface WeightedSums {
  s0: number;
  s1: number[];
  s2: number[][];
}

function sums(p: number): WeightedSums {
  return { s0: 0, s1: new Array<number>(p).fill(0), s2: Array.from({ length: p }, () => new Array<number>(p).fill(0)) };
}

function add(target: WeightedSums, x: readonly number[], weight: number): void {
  target.s0 += weight;
  x.forEach((xj, j) => {
    target.s1[j] = (target.s1[j] ?? 0) + weight * xj;
    const row = target.s2[j] as number[];
    for (let k = 0; k <= j; k++) row[k] = (row[k] ?? 0) + weight * xj * (x[k] ?? 0);
  });
}
