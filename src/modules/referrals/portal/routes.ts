import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../../http/context.ts';
import { gatherDateParts, today } from '../../../http/date-fields.ts';
import { submitForm } from '../../../http/form-submission.ts';
import { downloadLinks, downloadRoutes } from '../../../http/downloads.ts';
import { formState, problemsOf, type FormState } from '../../../http/forms.ts';
import type { Services } from '../../../services.ts';
import { STATUS_WORDS, STEP_WORDS, stepProblems, stepRefusal, type Step, type StepInput } from '../lifecycle.ts';
import { agencyReferral, recordAgencyStep, stateOf } from '../service.ts';
import { STEP_FIELD_ORDER, stepDates, stepForm, stepFormValues, stepFormView, stepInputOf, stepName } from '../step-form.ts';
import { agencyReferrals, listQuery, PORTAL_PATH, referralHref, STATUS_FILTERS, type StatusFilter } from './lists.ts';
import { auditShown, sharedReferral } from './shared-view.ts';
import { agencyReferralsDownload } from './download.ts';

/**
 * The partner agency portal: a partner agency's user ('referrals.answer') lists the referrals sent to
 * their organisation, reads one (only what it shares), and records the steps the lifecycle leaves
 * to the agency: accept or decline, book, attendance, the outcome, a note for the coach.
 */

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const referralParams = z.object({ referralId: z.uuid() });
const stepParams = referralParams.extend({ step: stepName });

/** What each step the agency takes is called on its page. */
const STEP_TITLES: Partial<Record<Step, string>> = {
  accepted: 'Accept the referral',
  declined: 'Decline the referral',
  appointment_booked: 'Book an appointment',
  attended: 'Record that they attended',
  did_not_attend: 'Record that they did not attend',
  outcome_recorded: 'Record the outcome',
  note: 'Add a note for the coach',
};
const stepTitle = (step: Step) => STEP_TITLES[step] ?? STEP_WORDS[step];
const stepHref = (referralId: string, step: Step) => `${referralHref(referralId)}/steps/${step}`;

const FILTER_WORDS: Record<StatusFilter, string> = { all: 'All referrals', open: 'Open', overdue: 'Overdue', ...STATUS_WORDS };

export function referralPortalRoutes(app: FastifyInstance, _services: Services) {
  app.get(PORTAL_PATH, { config: { access: 'referrals.answer' } }, async (request, reply) => {
    const values = (request.query ?? {}) as Record<string, unknown>;
    const parsed = listQuery.safeParse(values);
    const status = parsed.success ? parsed.data.status : 'all';
    return reply.code(parsed.success ? 200 : 400).view('referrals/portal/views/list.njk', {
      pageTitle: 'Referrals to your agency',
      form: formState(values, parsed.success ? [] : problemsOf(parsed.error)),
      statusItems: STATUS_FILTERS.map((value) => ({ value, text: FILTER_WORDS[value], selected: value === status })),
      filtered: status !== 'all',
      rows: parsed.success ? await agencyReferrals(ctxOf(request), status) : [],
      downloads: downloadLinks({ path: PORTAL_PATH, query: parsed.success && status !== 'all' ? { status } : {} }),
    });
  });

  downloadRoutes(app, {
    path: PORTAL_PATH,
    access: 'referrals.answer',
    build: (request) => agencyReferralsDownload({ ctx: ctxOf(request), query: request.query }),
  });

  app.get(`${PORTAL_PATH}/:referralId`, { config: { access: 'referrals.answer' }, schema: { params: referralParams } }, async (request, reply) => {
    const { referralId } = referralParams.parse(request.params);
    const ctx = ctxOf(request);
    return renderReferral(ctx, reply, await sharedReferral(ctx, await agencyReferral(ctx, referralId)));
  });

  app.route({
    method: ['GET', 'POST'],
    url: `${PORTAL_PATH}/:referralId/steps/:step`,
    config: { access: 'referrals.answer' },
    schema: { params: stepParams },
    handler: async (request, reply) => {
      const { referralId, step } = stepParams.parse(request.params);
      const ctx = ctxOf(request);
      const referral = await agencyReferral(ctx, referralId);
      const state = stateOf(referral);
      const refusal = stepRefusal(state, step, 'agency');
      if (refusal) return renderReferral(ctx, reply, await sharedReferral(ctx, referral), refusal);
      // The page is read only to show it: a step saved needs only the referral.
      const render = async (form: FormState, status: number) => {
        const page = await sharedReferral(ctx, referral);
        await auditShown(ctx, page.referral);
        return reply.code(status).view('referrals/portal/views/step.njk', {
          pageTitle: stepTitle(step),
          ...page,
          form,
          action: stepHref(referralId, step),
          backHref: referralHref(referralId),
          stepView: stepFormView(step, form.values, 'agency'),
        });
      };
      if (request.method === 'GET') return render(formState({ ...stepFormValues(ctx.actor.timeZone), version: referral.version }), 200);
      return submitForm({
        request: { ...request, body: gatherDateParts(request.body, stepDates(step)) } as FastifyRequest,
        reply,
        schema: stepForm(step),
        render,
        order: STEP_FIELD_ORDER,
        check: async (data) => stepProblems(state, step, data as Partial<StepInput>, today(ctx.actor.timeZone)),
        work: async (data) => {
          await recordAgencyStep({ ctx, referralId, step, ...stepInputOf(data as { version: number } & Partial<StepInput>) });
          return { redirectTo: referralHref(referralId), success: `${STEP_WORDS[step]}: recorded. The coach can see it on the referral.` };
        },
      });
    },
  });
}

/** The referral's page; with a step refused, that message in the error summary (409). */
async function renderReferral(ctx: SignedInCtx, reply: FastifyReply, page: Awaited<ReturnType<typeof sharedReferral>>, refusal?: string) {
  const referralId = page.referral.id;
  await auditShown(ctx, page.referral);
  return reply.code(refusal ? 409 : 200).view('referrals/portal/views/referral.njk', {
    pageTitle: `Referral of ${page.client.firstName} ${page.client.lastName}`,
    ...page,
    steps: page.steps.map(({ step }) => ({ text: stepTitle(step), href: stepHref(referralId, step) })),
    form: refusal ? formState({}, [{ field: 'steps', message: refusal }]) : undefined,
    backHref: PORTAL_PATH,
  });
}
