/**
 * Named errors the service raises on purpose. One handler (error-handler.ts) turns each into a
 * GOV.UK page or an application/problem+json document; anything else is a fault (500).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    readonly title: string,
    message?: string,
  ) {
    super(message ?? title);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'The page or record does not exist, or you do not have access to it.') {
    super(404, 'not-found', 'Page not found', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You do not have permission to do this.') {
    super(403, 'forbidden', 'You do not have permission', detail);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, 'unauthenticated', 'Sign in required', 'Sign in, or send a valid API token.');
  }
}

/** Someone else saved the record after it was read: the save is refused, never silently merged. */
export class ConflictError extends AppError {
  constructor(detail = 'Someone else changed this record while you were editing it.') {
    super(409, 'edit-conflict', 'The record was changed by someone else', detail);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that failed validation: carries one message per field, as the error summary shows them. */
export class ValidationError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super(400, 'validation', 'There is a problem with the request', problems.map((p) => p.message).join('; '));
  }
}

/** Refuses with every problem found, when there are any. */
export function throwProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}

export class TooManyRequestsError extends AppError {
  constructor(detail: string) {
    super(429, 'too-many-requests', 'Too many attempts', detail);
  }
}
