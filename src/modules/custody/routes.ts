import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { datePartsOf, gatherDateParts, today } from '../../http/date-fields.ts';
import { OUTCOMES } from '../engagement/schemas.ts';
import { ACTION_STATUSES, NEED_STATUSES } from '../plans/schemas.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { listContacts } from '../engagement/service.ts';
import { choiceItems } from '../people/choices.ts';
import { authorizePerson } from '../people/access.ts';
import { personHeader } from '../people/person-page.ts';
import { listActions, listNeeds } from '../plans/service.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeHref, episodeParams } from './casework-route.ts';
import { episodeDetail } from './queries.ts';
import { allocationForm, appointmentForm, closureForm, liberationForm, signUpForm, visitForm } from './schemas.ts';
import { addDayOneAppointment, allocate, closeEpisode, eligibilityOf, recordLiberation, recordVisit, signUp, updateSignUp } from './service.ts';
import { custodyApiRoutes } from './api-routes.ts';

const personParams = z.object({ personId: z.uuid() });
const GATE_LABELS = { planned: 'Planned', met: 'Met at the gate', declined: 'They declined', missed: 'Missed' };

export function custodyRoutes(app: FastifyInstance, _services: Services) {
  app.get('/people/:personId/sign-ups/new', { config: { access: 'people.write' }, schema: { params: personParams } }, async (request, reply) =>
    renderSignUp(request, reply, formState({ previousSentences: '0' }), 200),
  );

  app.post('/people/:personId/sign-ups', { config: { access: 'people.write' }, schema: { params: personParams } }, async (request, reply) => {
    const { personId } = personParams.parse(request.params);
    return submitForm({
      request: { ...request, body: gatherDateParts(request.body, ['sentencedOn', 'expectedLiberationOn', 'signedUpOn']) } as FastifyRequest,
      reply,
      schema: signUpForm,
      render: (form, status) => renderSignUp(request, reply, form, status),
      work: async (input) => {
        const episodeId = await signUp({
          ctx: ctxOf(request),
          personId,
          input: { ...input, signedUpOn: input.signedUpOn ?? '', sentenceMonths: input.sentenceMonths },
        });
        return { redirectTo: episodeHref(personId, episodeId), success: 'Signed up' };
      },
    });
  });

  app.get('/people/:personId/sign-ups/:episodeId', { config: { access: 'people.read' }, schema: { params: episodeParams } }, async (request, reply) => {
    const { personId, episodeId } = episodeParams.parse(request.params);
    const ctx = ctxOf(request);
    const page = await personHeader(ctx, personId);
    const access = page.access;
    const detail = await episodeDetail(ctx, episodeId);
    if (detail.episode.personId !== personId) return reply.callNotFound();
    const [contacts, needs, actions] = await Promise.all([
      listContacts(ctx, personId, episodeId, { ...access, programmeId: ctx.actor.programmeId }),
      listNeeds(ctx, episodeId),
      listActions(ctx, episodeId),
    ]);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId });
    return reply.view('custody/views/episode.njk', {
      ...page,
      pageTitle: `Sign-up ${detail.episode.signedUpOn} – ${page.person.firstName} ${page.person.lastName}`,
      currentEpisodeId: episodeId,
      ...detail,
      contacts,
      ...needs,
      actions,
      today: today(ctx.actor.timeZone),
      statusLabels: NEED_STATUSES,
      actionLabels: ACTION_STATUSES,
      outcomeLabels: OUTCOMES,
      gateLabels: GATE_LABELS,
    });
  });

  caseworkRoute(app, 'details', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    // The stored values fill the form only when it is first shown.
    const values =
      request.method === 'GET'
        ? await episodeDetail(ctx, episodeId).then(({ episode }) => ({
            prisonId: episode.prisonId,
            prisonNumber: episode.prisonNumber ?? '',
            sentenceMonths: episode.sentenceMonths,
            previousSentences: episode.previousSentences,
            overrideReason: episode.overrideReason ?? '',
            ...datePartsOf('sentencedOn', episode.sentencedOn),
            ...datePartsOf('expectedLiberationOn', episode.expectedLiberationOn),
            ...datePartsOf('signedUpOn', episode.signedUpOn),
          }))
        : (request.body as Record<string, unknown>);
    return caseworkForm({
      request,
      reply,
      template: 'custody/views/sign-up.njk',
      title: 'Correct the sign-up',
      schema: signUpForm.extend({ version: z.coerce.number().int().min(1) }),
      dates: ['sentencedOn', 'expectedLiberationOn', 'signedUpOn'],
      form: formState(values),
      view: await signUpChoices(ctx, values),
      work: async ({ version, signedUpOn, ...input }) => {
        await updateSignUp({ ctx, personId, episodeId, version, input: { ...input, signedUpOn: signedUpOn ?? '' } });
        return 'Sign-up details saved';
      },
    });
  });

  caseworkRoute(app, 'visits', (request, reply) =>
    caseworkForm({
      request,
      reply,
      template: 'custody/views/visit.njk',
      title: 'Record a pre-release visit',
      schema: visitForm,
      dates: ['visitedOn'],
      work: async (input, ids) => {
        await recordVisit({ ...ids, input: { ...input, visitedOn: input.visitedOn ?? '' } });
        return 'Visit recorded';
      },
    }),
  );

  caseworkRoute(app, 'liberation', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    // The stored values fill the form only when it is first shown.
    const values =
      request.method === 'GET'
        ? await episodeDetail(ctx, episodeId).then(({ episode }) => ({
            ...datePartsOf('liberatedOn', episode.liberatedOn),
            liberationType: episode.liberationType ?? '',
            gateStatus: episode.gateStatus ?? '',
            gateNotes: episode.gateNotes ?? '',
          }))
        : (request.body as Record<string, unknown>);
    return caseworkForm({
      request,
      reply,
      template: 'custody/views/liberation.njk',
      title: 'Liberation and the gate',
      schema: liberationForm,
      dates: ['liberatedOn'],
      form: formState(values),
      view: { liberationTypes: await choiceItems(ctx, 'liberation_type', values.liberationType, 'Not known yet') },
      work: async ({ version, ...input }) => {
        await recordLiberation({ ctx, personId, episodeId, version, input });
        return 'Liberation and gate meeting saved';
      },
    });
  });

  caseworkRoute(app, 'appointments', (request, reply) =>
    caseworkForm({
      request,
      reply,
      template: 'custody/views/appointment.njk',
      title: 'Arrange a day-one appointment',
      schema: appointmentForm,
      dates: ['appointmentOn'],
      work: async (input, ids) => {
        await addDayOneAppointment({ ...ids, input: { ...input, appointmentOn: input.appointmentOn ?? '' } });
        return `Appointment with ${input.agency} added`;
      },
    }),
  );

  caseworkRoute(
    app,
    'allocation',
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId, episodeId } = episodeParams.parse(request.params);
      await authorizePerson(ctx, personId, 'people.allocate');
      // The stored values fill the form only when it is first shown.
      const values =
        request.method === 'GET'
          ? await episodeDetail(ctx, episodeId).then(({ episode }) => ({
              teamId: episode.teamId ?? '',
              prisonCoachId: episode.prisonCoachId ?? '',
              communityCoachId: episode.communityCoachId ?? '',
              employmentConsultantId: episode.employmentConsultantId ?? '',
              familySupportId: episode.familySupportId ?? '',
            }))
          : (request.body as Record<string, unknown>);
      return caseworkForm({
        request,
        reply,
        template: 'custody/views/allocation.njk',
        title: 'Allocate workers',
        schema: allocationForm,
        form: formState(values),
        view: await allocationChoices(ctx, values),
        work: async ({ version, ...input }) => {
          await allocate({ ctx, personId, episodeId, version, input });
          return 'Allocation saved';
        },
      });
    },
    'people.allocate',
  );

  caseworkRoute(app, 'close', async (request, reply) => {
    const ctx = ctxOf(request);
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'custody/views/close.njk',
      title: 'Close the case',
      schema: closureForm,
      dates: ['closedOn'],
      form: formState(values),
      view: { reasons: await choiceItems(ctx, 'closure_reason', values.closureReason) },
      work: async ({ version, closedOn, ...input }, ids) => {
        await closeEpisode({ ...ids, version, input: { ...input, closedOn: closedOn ?? '' } });
        return 'Case closed';
      },
    });
  });

  custodyApiRoutes(app);
}

async function renderSignUp(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) {
  const ctx = ctxOf(request);
  const { personId } = personParams.parse(request.params);
  const page = await personHeader(ctx, personId);
  return reply.code(status).view('custody/views/sign-up.njk', {
    ...page,
    pageTitle: `Sign up ${page.person.firstName} ${page.person.lastName}`,
    form,
    action: `/people/${personId}/sign-ups`,
    backHref: `/people/${personId}`,
    ...(await signUpChoices(ctx, form.values)),
  });
}

/** The prisons to choose from, the eligible range, and whether the user may sign up outside it. */
async function signUpChoices(ctx: ReturnType<typeof ctxOf>, values: Record<string, unknown>) {
  const prisons = await ctx.db
    .selectFrom('prison')
    .select(['id', 'name'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return {
    eligibility: await eligibilityOf(ctx, 12),
    canOverride: can(ctx.actor, 'signups.override'),
    prisons: [{ value: '', text: 'Choose a prison' }, ...prisons.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.prisonId }))],
  };
}

async function allocationChoices(ctx: ReturnType<typeof ctxOf>, values: Record<string, unknown>) {
  const users = await ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 'u.role', 't.name as team'])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.active', '=', true)
    .where('u.role', 'in', ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator'])
    .orderBy('u.display_name')
    .execute();
  const teams = await ctx.db
    .selectFrom('team')
    .select(['id', 'name'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  const of = (role: string, field: string) => [
    { value: '', text: 'Nobody' },
    ...users
      .filter((u) => u.role === role)
      .map((u) => ({ value: u.id, text: u.team ? `${u.display_name} (${u.team})` : u.display_name, selected: u.id === values[field] })),
  ];
  return {
    teams: [{ value: '', text: 'No team' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId }))],
    prisonCoaches: of('prison_life_coach', 'prisonCoachId'),
    communityCoaches: of('community_life_coach', 'communityCoachId'),
    employmentConsultants: of('employment_consultant', 'employmentConsultantId'),
    familySupport: of('family_support_coordinator', 'familySupportId'),
  };
}
