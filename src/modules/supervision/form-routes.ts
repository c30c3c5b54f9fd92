import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { datePartsOf, gatherDateParts, todaysDateParts } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Action } from '../auth/policy.ts';
import { enteredInErrorForm } from '../casework/correction-routes.ts';
import {
  SESSION_DATES,
  sessionCorrectionForm,
  sessionForm,
  sessionParams,
  sessionProblems,
  sessionValues,
  staffParams,
  WELLBEING,
} from './schemas.ts';
import { auditSupervision, correctSession, markSessionInError, recordSession, sessionFor, type Session } from './sessions.ts';
import { staffMember, type StaffMember } from '../staff/member.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const workerHref = (userId: string) => `/staff/${userId}/supervision`;
const sessionHref = (userId: string, sessionId: string) => `${workerHref(userId)}/${sessionId}`;

/**
 * One form about a worker's supervision: the worker named above it (audited as a read of their
 * supervision each time it is shown), dates gathered from their boxes, the programme's own checks
 * with the schema's, then Post/Redirect/Get.
 */
async function supervisionForm<S extends z.ZodType>(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  staff: StaffMember;
  sessionId?: string;
  template: string;
  title: string;
  schema: S;
  values: Record<string, unknown>;
  view?: Record<string, unknown>;
  check?: (data: Partial<z.output<S>>) => FieldProblem[];
  work: (data: z.output<S>) => Promise<{ redirectTo: string; success: string }>;
}) {
  const { request, reply, staff } = props;
  const ctx = ctxOf(request);
  const render = async (form: FormState, status: number) => {
    await auditSupervision(ctx, { action: 'read', superviseeId: staff.id, sessionId: props.sessionId, detail: { view: 'form' } });
    return reply.code(status).view(props.template, {
      pageTitle: props.title,
      staff,
      form,
      wellbeing: Object.entries(WELLBEING).map(([value, text]) => ({ value, text })),
      backHref: props.sessionId ? sessionHref(staff.id, props.sessionId) : workerHref(staff.id),
      action: request.url.split('?')[0],
      ...props.view,
    });
  };
  if (request.method === 'GET') return render(formState(props.values), 200);
  return submitForm({
    request: { ...request, body: gatherDateParts(request.body, SESSION_DATES) } as FastifyRequest,
    reply,
    schema: props.schema,
    render,
    check: async (data) => props.check?.(data) ?? [],
    work: props.work,
  });
}

const formRoute = (app: FastifyInstance, url: string, access: Action, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
  app.route({ method: ['GET', 'POST'], url, config: { access }, schema: { params: url.includes(':sessionId') ? sessionParams : staffParams }, handler });

/** A form about one session at /staff/:userId/supervision/:sessionId/<tail>, for its supervisor only (refused once in error). */
const sessionFormRoute = (
  app: FastifyInstance,
  tail: string,
  handler: (found: { request: FastifyRequest; reply: FastifyReply; ctx: SignedInCtx; staff: StaffMember; session: Session }) => Promise<FastifyReply>,
) =>
  formRoute(app, `/staff/:userId/supervision/:sessionId/${tail}`, 'supervision.correct', async (request, reply) => {
    const ctx = ctxOf(request);
    return handler({ request, reply, ctx, ...(await sessionFor(ctx, { ...sessionParams.parse(request.params), action: 'supervision.correct' })) });
  });

/** Recording a session (its supervisor is the actor), correcting it and marking it entered in error (its supervisor only). */
export function supervisionFormRoutes(app: FastifyInstance) {
  formRoute(app, '/staff/:userId/supervision/new', 'supervision.record', async (request, reply) => {
    const ctx = ctxOf(request);
    const staff = await staffMember(ctx, staffParams.parse(request.params).userId, 'supervision.record');
    return supervisionForm({
      request,
      reply,
      staff,
      template: 'supervision/views/new.njk',
      title: 'Record a supervision session',
      schema: sessionForm,
      values: todaysDateParts('heldOn', ctx.actor.timeZone),
      check: (data) => sessionProblems(data, ctx.actor.timeZone),
      work: async (input) => {
        const id = await recordSession(ctx, { staff, input });
        return { redirectTo: sessionHref(staff.id, id), success: 'Supervision session recorded' };
      },
    });
  });

  sessionFormRoute(app, 'edit', ({ request, reply, ctx, staff, session }) =>
    supervisionForm({
      request,
      reply,
      staff,
      sessionId: session.id,
      template: 'supervision/views/edit.njk',
      title: 'Correct the supervision session',
      schema: sessionCorrectionForm,
      values: { ...datePartsOf('heldOn', session.heldOn), ...datePartsOf('nextOn', session.nextOn), ...sessionValues(session), version: session.version },
      check: (data) => sessionProblems(data, ctx.actor.timeZone),
      work: async ({ version, ...input }) => {
        await correctSession(ctx, { session, version, input });
        return { redirectTo: sessionHref(staff.id, session.id), success: 'Supervision session corrected' };
      },
    }),
  );

  sessionFormRoute(app, 'entered-in-error', ({ request, reply, ctx, staff, session }) =>
    supervisionForm({
      request,
      reply,
      staff,
      sessionId: session.id,
      template: 'supervision/views/entered-in-error.njk',
      title: 'Mark this session as entered in error',
      schema: enteredInErrorForm,
      values: { version: session.version },
      view: { session },
      work: async ({ reason, version }) => {
        await markSessionInError(ctx, { session, version, reason });
        return { redirectTo: workerHref(staff.id), success: 'The session is marked as entered in error' };
      },
    }),
  );
}
