/** Why a model or test could not be estimated from the data given. */
export type NotEstimableReason = 'singular' | 'not-converged' | 'too-few-groups' | 'no-events';

/** Thrown when a fit or test has no estimate (singular information matrix, no convergence, one group only). */
export class NotEstimableError extends Error {
  readonly reason: NotEstimableReason;

  constructor(reason: NotEstimableReason, message: string) {
    super(message);
    this.name = 'NotEstimableError';
    this.reason = reason;
  }
}
