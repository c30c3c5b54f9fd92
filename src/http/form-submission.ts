import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { setFlash } from '../modules/auth/sessions.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { formState, parseForm, type FormState } from './forms.ts';

/**
 * The one way page forms are handled: validate with the schema, do the work, then
 * Post/Redirect/Get with a success banner. Invalid input, a rule the work refuses (ValidationError)
 * or an edit conflict shows the form again with the GOV.UK error summary and the values typed,
 * and nothing is changed.
 */
export async function submitForm<S extends z.ZodType>(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  schema: S;
  render: (form: FormState, status: number) => FastifyReply | Promise<FastifyReply>;
  work: (data: z.output<S>) => Promise<{ redirectTo: string; success: string }>;
}): Promise<FastifyReply> {
  const { request, reply } = props;
  const parsed = parseForm(props.schema, request.body);
  if (!parsed.ok) return props.render(parsed.form, 400);
  const values = (request.body ?? {}) as Record<string, unknown>;
  try {
    const done = await props.work(parsed.data);
    await flash(request, done.success);
    return reply.redirect(done.redirectTo);
  } catch (error) {
    if (error instanceof ValidationError) return props.render(formState(values, error.problems), 400);
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
