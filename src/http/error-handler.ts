import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, NotFoundError, ValidationError, type FieldProblem } from './errors.ts';
import { isApiUrl, redirectToSignIn } from './access.ts';
import { errorPageLocals } from './page-locals.ts';
import { formState } from './forms.ts';

/**
 * PostgreSQL's refusals of a value itself (data exceptions, SQLSTATE class 22): text it cannot
 * keep, a date or number out of range, a malformed id. The routes check input before it reaches
 * the database, so one of these is a missing check; as a last line it is answered 400, logged.
 */
const REFUSED_VALUE_CODES = new Set(['22021', '22P05', '22007', '22008', '22P02', '22003', '22001', '2201B', '22025']);

/**
 * One place that turns errors into answers: a GOV.UK page for a browser, an
 * application/problem+json document for the API. Faults (500) show only a reference to the log line.
 */
export function handleErrors(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => respond(request, reply, new NotFoundError()));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error) ?? cutShortUpload(error, request);
    if (known) {
      if (known.status === 401 && !isApiUrl(request.url)) return redirectToSignIn(request, reply);
      return respond(request, reply, known);
    }
    const refused = refusedValue(error, request);
    if (refused) return respond(request, reply, refused);
    request.log.error({ err: faultForLog(error) }, 'request failed');
    return respond(request, reply, new AppError(500, 'fault', 'Sorry, there is a problem with the service', `Reference: ${request.id}`));
  });
}

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new ValidationError(error.issues.map((issue) => ({ field: issue.path.join('.') || 'request', message: issue.message })));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    if (error.validationContext === 'params') return new NotFoundError();
    const problems: FieldProblem[] = error.validation.map((issue) => ({
      field: [issue.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.') || error.validationContext || 'request',
      message: issue.message ?? 'Invalid value',
    }));
    return new ValidationError(problems);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'too-large', 'The request is too large', 'The request body is larger than the service accepts.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed-json', 'The request body is not valid JSON', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported-media-type', 'Unsupported content type', error.message);
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(403, 'csrf', 'Your form has expired', 'Go back, reload the page and try again.');
  }
  if (error.statusCode === 429) return new AppError(429, 'too-many-requests', 'Too many requests', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, 'bad-request', 'There is a problem with the request', error.message);
  }
  return null;
}

/** A value only the database refused: logged by its SQLSTATE and route alone (the database's words may quote the value). */
function refusedValue(error: FastifyError, request: FastifyRequest): AppError | null {
  if (typeof error.code !== 'string' || !REFUSED_VALUE_CODES.has(error.code)) return null;
  request.log.warn({ sqlState: error.code, route: request.routeOptions.url }, 'the database refused a value a route did not check');
  const detail = 'A value in the request cannot be saved or searched for. Check what you entered and try again.';
  return new AppError(400, 'database-refused-value', 'There is a problem with the request', detail);
}

/**
 * A fault as the log keeps it. A database error's message and detail may quote the values of a row
 * ('Key (email)=(…) already exists', 'invalid input syntax for type uuid: "…"'), so for those the log
 * keeps their SQLSTATE, constraint, table and where in the code, never the database's words.
 */
export function faultForLog(error: Error & { code?: unknown }): Record<string, unknown> | Error {
  const database = error as Error & { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  if (typeof database.code !== 'string' || !/^[0-9A-Z]{5}$/.test(database.code)) return error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return { type: 'DatabaseError', sqlState: database.code, constraint: database.constraint, table: database.table, column: database.column, stack: frames.join('\n') };
}

/**
 * An upload whose stream was closed before its route read it all: the client broke off, or the form
 * had more parts than an upload takes (the multipart reader then stops reading). Not a fault.
 */
function cutShortUpload(error: FastifyError, request: FastifyRequest): AppError | null {
  if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE' || !request.isMultipart()) return null;
  return new AppError(400, 'upload-cut-short', 'The upload could not be read', 'Go back, choose the file again and send the form.');
}

async function respond(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  reply.code(error.status).header('cache-control', 'no-store');
  if (isApiUrl(request.url)) {
    return reply.type('application/problem+json').send({
      type: `urn:throughcare:problem:${error.id}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      instance: request.url.split('?')[0],
      ...(error instanceof ValidationError ? { errors: error.problems } : {}),
    });
  }
  // A page's own checks show their problems as the GOV.UK error summary (layout.njk).
  const form = error instanceof ValidationError ? formState({}, error.problems) : undefined;
  return reply.view('error.njk', { ...errorPageLocals(request, reply), error, pageTitle: error.title, ...(form ? { form } : {}) });
}
