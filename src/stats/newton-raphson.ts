import { NotEstimableError } from './errors.ts';
import { choleskyOrNull, inverseWith, solveWith } from './linear-algebra.ts';

/** Log-likelihood, its gradient (score) and the observed information (minus the Hessian) at β. */
export interface LikelihoodEvaluation {
  logLikelihood: number;
  gradient: number[];
  information: number[][];
}

export interface NewtonRaphsonFit {
  coefficients: number[];
  /** inverse of the information at the estimate */
  covariance: number[][];
  logLikelihood: number;
  iterations: number;
  converged: true;
}

export interface NewtonRaphsonOptions {
  maxIterations?: number;
  /** stop when the relative change in log-likelihood and every step are below this */
  tolerance?: number;
  /** the evaluation at β = 0 when the caller has made it already (e.g. for the null log-likelihood) */
  atZero?: LikelihoodEvaluation;
}

/**
 * Maximises a concave log-likelihood by Newton–Raphson from β = 0, halving a step that lowers it; the
 * linear systems are solved by Cholesky (ml-matrix). Throws NotEstimableError when the information is
 * singular or the iterations run out (e.g. estimates drifting to infinity under separation).
 */
export function newtonRaphson(
  size: number,
  evaluate: (beta: readonly number[]) => LikelihoodEvaluation,
  { maxIterations = 50, tolerance = 1e-9, atZero }: NewtonRaphsonOptions = {},
): NewtonRaphsonFit {
  let beta = new Array<number>(size).fill(0);
  let current = atZero ?? evaluate(beta);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const decomposition = choleskyOrNull(current.information);
    // singular at β = 0: collinear covariates; singular later: the information vanished as estimates ran off
    if (!decomposition) throw iteration === 1 ? singular() : notConverged();
    let step = solveWith(decomposition, current.gradient);
    let candidate = beta.map((b, i) => b + (step[i] ?? 0));
    let next = evaluate(candidate);
    for (let halvings = 0; !(next.logLikelihood >= current.logLikelihood - 1e-12 * Math.abs(current.logLikelihood)); halvings++) {
      if (halvings >= 30) throw notConverged();
      step = step.map((s) => s / 2);
      candidate = beta.map((b, i) => b + (step[i] ?? 0));
      next = evaluate(candidate);
    }
    const change = Math.abs(next.logLikelihood - current.logLikelihood) / (Math.abs(next.logLikelihood) + 0.1);
    const largestStep = Math.max(0, ...step.map((s, i) => Math.abs(s) / (1 + Math.abs(candidate[i] ?? 0))));
    beta = candidate;
    current = next;
    if (change < tolerance && largestStep < Math.sqrt(tolerance)) {
      const final = choleskyOrNull(current.information);
      if (!final) throw notConverged();
      return { coefficients: beta, covariance: inverseWith(final, size), logLikelihood: current.logLikelihood, iterations: iteration, converged: true };
    }
  }
  throw notConverged();
}

function singular(): NotEstimableError {
  return new NotEstimableError(
    'singular',
    'The model cannot be estimated: a covariate has no variation or is a combination of others (singular information matrix)',
  );
}

function notConverged(): NotEstimableError {
  return new NotEstimableError(
    'not-converged',
    'The model did not converge: an estimate may be infinite (e.g. no events in one group, or an outcome predicted perfectly)',
  );
}
