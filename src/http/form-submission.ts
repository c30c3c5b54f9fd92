import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { setFlash } from '../modules/auth/sessions.ts';
import { ConflictError, ValidationError, type FieldProblem } from './errors.ts';
import { fieldOrder, formState, parsedFields, problemsOf, type FormState } from './forms.ts';

/**
 * The one way page forms are handled: validate with the schema and the work's own checks, do the
 * work, then Post/Redirect/Get with a success banner. Invalid input, a rule the work refuses
 * (ValidationError) or an edit conflict shows the form again with the GOV.UK error summary and the
 * values typed, and nothing is changed.
 *
 * Every problem shows at once, in page order: `check` (the work's checks that need the database, a
 * choice from a list or a date against the record) runs on the fields that are valid even when
 * others are not, and cross-field refinements run with `whenParsed` (forms.ts).
 */
export async function submitForm<S extends z.ZodType>(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  schema: S;
  render: (form: FormState, status: number) => FastifyReply | Promise<FastifyReply>;
  work: (data: z.output<S>) => Promise<{ redirectTo: string; success: string }>;
  /** The work's own checks, given whichever fields are valid; each problem found is shown with the schema's. */
  check?: (data: Partial<z.output<S>>) => Promise<FieldProblem[]>;
  /** The fields in page order, where the schema's order is not the page's. */
  order?: readonly string[];
}): Promise<FastifyReply> {
  const { request, reply, schema } = props;
  const values = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  const order = fieldOrder(schema, props.order);
  const parsed = schema.safeParse(values);
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  if (props.check) problems.push(...(await props.check(parsed.success ? parsed.data : parsedFields(schema, values))));
  if (!parsed.success || problems.length > 0) return props.render(formState(values, problems, order), 400);
  try {
    const done = await props.work(parsed.data);
    await flash(request, done.success);
    return reply.redirect(done.redirectTo);
  } catch (error) {
    if (error instanceof ValidationError) return props.render(formState(values, error.problems, order), 400);
    if (error instanceof ConflictError) {
      return props.render(formState(values, [{ field: 'form', message: `${error.message} Reload the page to see their changes, then make yours again.` }]), 409);
    }
    throw error;
  }
}

/** Shows a green banner on the next page the user sees. */
export async function flash(request: FastifyRequest, success: string): Promise<void> {
  if (request.session) await setFlash({ db: request.ctx.db, tokenHash: request.session.tokenHash, flash: { success } });
}
