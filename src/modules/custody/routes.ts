import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { datePartsOf, gatherDateParts, todaysDateParts } from '../../http/date-fields.ts';
import { flash, submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { currentAssignments } from '../casework/assignments.ts';
import { episodeHref } from '../casework/episodes.ts';
import { personHeader } from '../casework/header.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { choiceItems } from '../settings/lists.ts';
import { authorizePerson } from '../people/access.ts';
import { episodeDetail } from './queries.ts';
import { lawfulBasisChoices } from '../lawful-basis/choices.ts';
import { lawfulBasisProblems } from '../lawful-basis/service.ts';
import { allocationForm, ALLOCATION_PARTS, closureForm, liberationForm, newSignUpForm, signUpForm } from './schemas.ts';
import { allocate, closeEpisode, closureProblems, liberationProblems, openSignUpProblems, recordLiberation, reopenEpisode, signUp, signUpProblems, updateSignUp } from './service.ts';
import { personProblems } from '../people/service.ts';
import { allocationChoices, signUpChoices } from './form-choices.ts';
import { outsideSignUpWindow, signUpWindowOf } from './sign-up-window.ts';
import { allocationClearanceWarnings, withClearanceWarnings } from '../staff/clearance-warning.ts';
import { custodyApiRoutes } from './api-routes.ts';
import { preReleaseRoutes } from './pre-release-routes.ts';

const personParams = z.object({ personId: z.uuid() });

export function custodyRoutes(app: FastifyInstance, _services: Services) {
  app.get('/people/:personId/sign-ups/new', { config: { access: 'people.write' }, schema: { params: personParams } }, async (request, reply) =>
    renderSignUp(
      request,
      reply,
      formState({ previousSentences: '0', ...todaysDateParts('signedUpOn', ctxOf(request).actor.timeZone), ...todaysDateParts('privacyNoticeOn', ctxOf(request).actor.timeZone) }),
      200,
    ),
  );

  app.post('/people/:personId/sign-ups', { config: { access: 'people.write' }, schema: { params: personParams } }, async (request, reply) => {
    const { personId } = personParams.parse(request.params);
    return submitForm({
      request: { ...request, body: gatherDateParts(request.body, ['sentencedOn', 'expectedLiberationOn', 'signedUpOn', 'privacyNoticeOn']) } as FastifyRequest,
      reply,
      schema: newSignUpForm,
      check: async (input) => [
        ...(await signUpProblems(ctxOf(request), input)),
        ...(await openSignUpProblems(ctxOf(request), personId)),
        ...(await personProblems(ctxOf(request), input, personId)),
        ...(await lawfulBasisProblems(ctxOf(request), input)),
      ],
      render: (form, status) => renderSignUp(request, reply, form, status),
      work: async ({ privacyNoticeGiven: _given, ...input }) => {
        const episodeId = await signUp({
          ctx: ctxOf(request),
          personId,
          input: { ...input, signedUpOn: input.signedUpOn ?? '', sentenceMonths: input.sentenceMonths, privacyNoticeOn: input.privacyNoticeOn ?? '' },
        });
        const outside = outsideSignUpWindow({ signedUpOn: input.signedUpOn ?? '', expectedLiberationOn: input.expectedLiberationOn ?? null }, await signUpWindowOf(ctxOf(request)));
        return { redirectTo: episodeHref(personId, episodeId), success: outside ? `Signed up. Note: ${outside.replace(/^S/, 's')}` : 'Signed up' };
      },
    });
  });

  caseworkRoute(app, 'details', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    // The stored values fill the form only when it is first shown.
    const values =
      request.method === 'GET'
        ? await episodeDetail(ctx, { personId, episodeId }).then(({ episode }) => ({
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
      check: async (input, { episode }) => [...(await signUpProblems(ctx, input, episode)), ...(await personProblems(ctx, input, personId))],
      form: formState(values),
      view: await signUpChoices(ctx, values),
      work: async ({ version, signedUpOn, ...input }) => {
        await updateSignUp({ ctx, personId, episodeId, version, input: { ...input, signedUpOn: signedUpOn ?? '' } });
        const outside = outsideSignUpWindow({ signedUpOn: signedUpOn ?? '', expectedLiberationOn: input.expectedLiberationOn ?? null }, await signUpWindowOf(ctx));
        return outside ? `Sign-up details saved. Note: ${outside.replace(/^S/, 's')}` : 'Sign-up details saved';
      },
    });
  });

  caseworkRoute(app, 'liberation', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    // The stored values fill the form only when it is first shown.
    const values =
      request.method === 'GET'
        ? await episodeDetail(ctx, { personId, episodeId }).then(({ episode }) => ({
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
      check: (input, { episode }) => liberationProblems(ctx, episode, input),
      form: formState(values),
      view: { liberationTypes: await choiceItems(ctx, 'liberation_type', values.liberationType, 'Not known yet') },
      work: async ({ version, ...input }) => {
        await recordLiberation({ ctx, personId, episodeId, version, input });
        return 'Liberation and gate meeting saved';
      },
    });
  });

  caseworkRoute(
    app,
    'allocation',
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId, episodeId } = episodeParams.parse(request.params);
      await authorizePerson(ctx, personId, 'people.allocate');
      // The stored values fill the form only when it is first shown.
      const values = request.method === 'GET' ? await allocationValues(ctx, { personId, episodeId }) : (request.body as Record<string, unknown>);
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
          return withClearanceWarnings('Allocation saved', await allocationClearanceWarnings(ctx, episodeId, input));
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
      check: (input, { episode }) => closureProblems(ctx, episode, input),
      form: formState(values),
      view: { reasons: await choiceItems(ctx, 'closure_reason', values.closureReason) },
      work: async ({ version, closedOn, ...input }, ids) => {
        await closeEpisode({ ...ids, version, input: { ...input, closedOn: closedOn ?? '' } });
        return 'Case closed';
      },
    });
  });

  app.post('/people/:personId/sign-ups/:episodeId/reopen', { config: { access: 'signups.reopen' }, schema: { params: episodeParams } }, async (request, reply) => {
    const { personId, episodeId } = episodeParams.parse(request.params);
    const { version } = z.object({ version: z.coerce.number().int().min(1) }).parse(request.body);
    await reopenEpisode({ ctx: ctxOf(request), personId, episodeId, version });
    await flash(request, 'Sign-up reopened');
    return reply.redirect(episodeHref(personId, episodeId));
  });

  preReleaseRoutes(app);
  custodyApiRoutes(app);
}

/** The allocation form as first shown: the sign-up's team and its current worker in each part. */
async function allocationValues(ctx: ReturnType<typeof ctxOf>, ids: { personId: string; episodeId: string }) {
  const [{ episode }, workers] = await Promise.all([episodeDetail(ctx, ids), currentAssignments(ctx, ids.episodeId)]);
  const workerIn = (part: string) => workers.find((w) => w.part === part)?.workerId ?? '';
  return { teamId: episode.teamId ?? '', ...Object.fromEntries(Object.entries(ALLOCATION_PARTS).map(([field, part]) => [field, workerIn(part)])) };
}

async function renderSignUp(request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) {
  const ctx = ctxOf(request);
  const { personId } = personParams.parse(request.params);
  const page = await personHeader(ctx, personId);
  // A new client's prison number (given when they were added, often from a search that found nobody) is carried into their first sign-up.
  const [carried] = request.method === 'GET' && page.episodes.length === 0 && page.person.prisonNumbers.length === 1 ? page.person.prisonNumbers : [];
  return reply.code(status).view('custody/views/sign-up.njk', {
    ...page,
    pageTitle: `Sign up ${page.person.firstName} ${page.person.lastName}`,
    form: carried ? { ...form, values: { ...form.values, prisonNumber: carried } } : form,
    action: `/people/${personId}/sign-ups`,
    backHref: `/people/${personId}`,
    ...(await signUpChoices(ctx, form.values)),
    ...(await lawfulBasisChoices(ctx, form.values)),
  });
}
