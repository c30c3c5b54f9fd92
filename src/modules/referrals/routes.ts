import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, todaysDateParts } from '../../http/date-fields.ts';
import { authorize } from '../../http/access.ts';
import { can } from '../auth/policy.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { loadPerson } from '../people/service.ts';
import { audit } from '../audit/record.ts';
import { referralApiRoutes } from './api-routes.ts';
import { referralFormView } from './referral-choices.ts';
import { REFERRAL_FIELD_ORDER, referralForm, referralInputOf } from './referral-form.ts';
import { referralHref, referralDetail } from './queries.ts';
import { referralProblems } from './sending.ts';
import { coachReferral, makeReferral, markReferralInError, recordCoachStep, stateOf } from './service.ts';
import { STEP_FIELD_ORDER, stepDates, stepForm, stepFormValues, stepFormView, stepInputOf, stepName } from './step-form.ts';
import { STEP_WORDS, stepProblems, stepRefusal, stepsOpenTo, type Step } from './lifecycle.ts';
import { mayLinkOutcome } from './linked-outcome.ts';

export const referralParams = episodeParams.extend({ referralId: z.uuid() });
const stepParams = referralParams.extend({ step: stepName });
const inErrorForm = z.object({
  reason: z.string({ error: 'Enter why it was entered in error' }).trim().min(1, 'Enter why it was entered in error').max(1000, 'The reason must be 1000 characters or fewer'),
  version: z.coerce.number().int().min(1),
});

const STEP_TITLES: Record<Step, string> = {
  accepted: 'Record that the referral was accepted',
  declined: 'Record that the referral was declined',
  appointment_booked: 'Record the appointment booked',
  attended: 'Record that they attended',
  did_not_attend: 'Record that they did not attend',
  outcome_recorded: 'Record the result of the referral',
  closed: 'Close the referral',
  withdrawn: 'Withdraw the referral',
  note: 'Add a note to the referral',
};

/** A referral's one-line summary, for forms about it. */
const summaryOf = (detail: { agency: string; needLabel: string; sentOn: string }) => `Referral to ${detail.agency} about ${detail.needLabel.toLowerCase()}`;

/** The coach's pages for referrals from a sign-up: make one, look at one, record a step, mark one entered in error; and the API. */
export function referralRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'referrals/new', async (request, reply) => {
    const ctx = ctxOf(request);
    const { episodeId } = episodeParams.parse(request.params);
    const query = z.object({ need: z.string().max(40).optional() }).safeParse(request.query);
    const need = query.success ? query.data.need : undefined;
    const now = todaysDateParts('sentOn', ctx.actor.timeZone);
    const values = (
      request.method === 'GET'
        ? { needDomain: need ?? '', urgency: 'routine', ...now, ...todaysDateParts('consentOn', ctx.actor.timeZone) }
        : request.body
    ) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'referrals/views/referral-new.njk',
      title: 'Make a referral',
      schema: referralForm,
      dates: ['consentOn', 'sentOn'],
      order: REFERRAL_FIELD_ORDER,
      form: formState(values),
      view: await referralFormView(ctx, episodeId, values, request.method === 'GET' ? need : typeof values.needDomain === 'string' ? values.needDomain : undefined),
      check: async (data, { ctx: c, episode }) => {
        const whole = data.how && data.needDomain && data.urgency && data.consent && data.consentOn && data.sentOn;
        if (whole) return (await referralProblems(c, episode, referralInputOf({ shared: [], reason: '', ...data } as z.output<typeof referralForm>))).problems;
        return data.serviceId || data.agencyName ? [] : [{ field: 'serviceId', message: 'Select the service, or enter the name of an agency not in the directory' }];
      },
      work: async (data, ids) => {
        const input = referralInputOf(data);
        await makeReferral({ ...ids, input });
        return input.how === 'send' ? 'Referral sent' : 'Referral recorded';
      },
    });
  });

  app.get('/people/:personId/sign-ups/:episodeId/referrals/:referralId', { config: { access: 'people.read' }, schema: { params: referralParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const ids = referralParams.parse(request.params);
    const { referral, access, episode } = await coachReferral(ctx, ids, 'people.read');
    const [person, detail] = await Promise.all([loadPerson(ctx, ids.personId), referralDetail(ctx, referral, { personId: ids.personId, access })]);
    await audit(ctx, { action: 'read', recordType: 'referral', recordId: referral.id, detail: { episodeId: ids.episodeId } });
    const mayWrite = can(ctx.actor, 'people.write', { kind: 'person', id: ids.personId, programmeId: ctx.actor.programmeId, access });
    const href = referralHref(ids, referral.id);
    return reply.view('referrals/views/referral.njk', {
      pageTitle: `${summaryOf(detail)} – ${person.firstName} ${person.lastName}`,
      person,
      episode,
      referral: detail,
      backHref: `/people/${ids.personId}/sign-ups/${ids.episodeId}#referrals`,
      steps: mayWrite ? stepsOpenTo(stateOf(referral), 'coach').map((step) => ({ text: STEP_WORDS[step], href: `${href}/steps/${step}` })) : [],
      inErrorHref: mayWrite && detail.mayCorrect ? `${href}/entered-in-error` : null,
      outcomeHref: mayWrite && mayLinkOutcome(referral) ? `/people/${ids.personId}/sign-ups/${ids.episodeId}/outcomes?referral=${referral.id}` : null,
      linkedOutcomeHref: referral.outcome_id ? `/people/${ids.personId}/sign-ups/${ids.episodeId}/outcomes-and-employment#outcomes` : null,
    });
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/sign-ups/:episodeId/referrals/:referralId/steps/:step',
    config: { access: 'people.write' },
    schema: { params: stepParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { step, ...ids } = stepParams.parse(request.params);
      const { referral, access, episode } = await coachReferral(ctx, ids, 'people.write');
      const detail = await referralDetail(ctx, referral, { personId: ids.personId, access });
      const state = stateOf(referral);
      const refusal = stepRefusal(state, step, 'coach');
      const values = (request.method === 'GET' ? { ...stepFormValues(ctx.actor.timeZone), version: referral.version } : request.body) as Record<string, unknown>;
      const backHref = referralHref(ids, referral.id);
      if (refusal) {
        await audit(ctx, { action: 'read', recordType: 'referral', recordId: referral.id, detail: { episodeId: ids.episodeId, refused: step } });
        const person = await loadPerson(ctx, ids.personId);
        return reply.code(409).view('referrals/views/step-refused.njk', { pageTitle: STEP_TITLES[step], person, refusal, backHref });
      }
      return caseworkForm({
        request,
        reply,
        template: 'referrals/views/step.njk',
        title: STEP_TITLES[step],
        checked: episode,
        returnTo: backHref,
        schema: stepForm(step),
        dates: stepDates(step),
        order: STEP_FIELD_ORDER,
        form: formState(values),
        view: { version: values.version ?? referral.version, stepView: stepFormView(step, values, 'coach'), recordSummary: summaryOf(detail) },
        check: async (data) => stepProblems(state, step, stepInputOf({ version: 0, ...data }).input, today(ctx.actor.timeZone)).filter((p) => p.field !== 'happenedOn' || data.happenedOn),
        work: async (data) => {
          await recordCoachStep({ ctx, ...ids, step, ...stepInputOf(data) });
          return `${STEP_WORDS[step]}: recorded`;
        },
      });
    },
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/sign-ups/:episodeId/referrals/:referralId/entered-in-error',
    config: { access: 'people.write' },
    schema: { params: referralParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const ids = referralParams.parse(request.params);
      const { referral, access, episode } = await coachReferral(ctx, ids, 'people.write');
      await authorize(ctx, 'casework.correct', { kind: 'casework-record', id: referral.id, programmeId: referral.programme_id, createdBy: referral.created_by, access });
      const detail = await referralDetail(ctx, referral, { personId: ids.personId, access });
      const values = (request.method === 'GET' ? { version: referral.version } : request.body) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        template: 'casework/views/entered-in-error.njk',
        title: 'Mark this referral as entered in error',
        checked: episode,
        returnTo: referralHref(ids, referral.id),
        schema: inErrorForm,
        form: formState(values),
        view: { recordSummary: summaryOf(detail), version: values.version ?? referral.version },
        work: async ({ reason, version }) => {
          await markReferralInError({ ctx, ...ids, version, reason });
          return 'The referral is marked as entered in error';
        },
      });
    },
  });

  referralApiRoutes(app);
}
