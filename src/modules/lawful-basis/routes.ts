import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { findEpisode } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { lawfulBasisChoices } from './choices.ts';
import { lawfulBasisBodyFields, lawfulBasisForm, sharingConsentBody, sharingConsentForm } from './schemas.ts';
import { changeSharingConsent, consentChangeProblems, lawfulBasisOf, lawfulBasisProblems, recordLawfulBasis, type LawfulBasisRecord } from './service.ts';

const tags = ['Sign-ups'];

/** Recording the lawful basis on a sign-up without one (or correcting it), and changes to consent to share. */
export function lawfulBasisRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'privacy', async (request, reply) => {
    const ctx = ctxOf(request);
    const { episodeId } = episodeParams.parse(request.params);
    const values = request.method === 'GET' ? basisValues(ctx, await lawfulBasisOf(ctx, episodeId)) : (request.body as Record<string, unknown>);
    return caseworkForm({
      request,
      reply,
      template: 'lawful-basis/views/privacy.njk',
      title: 'Privacy notice and lawful basis',
      schema: lawfulBasisForm,
      dates: ['privacyNoticeOn'],
      check: (input, { episode }) => lawfulBasisProblems(ctx, input, episode),
      form: formState(values),
      view: await lawfulBasisChoices(ctx, values),
      work: async ({ version, privacyNoticeOn, privacyNoticeGiven: _given, ...input }, ids) => {
        await recordLawfulBasis({ ...ids, version, input: { ...input, privacyNoticeOn: privacyNoticeOn ?? '' } });
        return 'Lawful basis saved';
      },
    });
  });

  caseworkRoute(app, 'sharing-consent', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    const [episode, record] = await Promise.all([findEpisode(ctx, personId, episodeId), lawfulBasisOf(ctx, episodeId)]);
    const values = request.method === 'GET' ? todaysDateParts('changedOn', ctx.actor.timeZone) : (request.body as Record<string, unknown>);
    const changes = [
      { value: 'given', text: 'They now agree to sharing' },
      { value: 'refused', text: 'They do not agree to sharing' },
      ...(record.sharingConsent === 'given' && !record.sharingConsentWithdrawnOn ? [{ value: 'withdrawn', text: 'They withdraw the agreement they gave' }] : []),
    ].map((item) => ({ ...item, checked: item.value === values.change }));
    return caseworkForm({
      request,
      reply,
      template: 'lawful-basis/views/sharing-consent.njk',
      title: 'Change consent to share',
      schema: sharingConsentForm,
      dates: ['changedOn'],
      check: async (input) => consentChangeProblems(episode, input),
      form: formState(values),
      view: { changes, current: currentConsent(record) },
      work: async ({ version, change, changedOn }, ids) => {
        await changeSharingConsent({ ...ids, version, input: { change, changedOn: changedOn ?? '' } });
        return 'Consent to share saved';
      },
    });
  });

  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId';
  api.put(`${base}/lawful-basis`, {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Record or correct a sign-up’s privacy notice and lawful basis',
      params: episodeParams,
      body: z.object({ ...lawfulBasisBodyFields, version: z.number().int().min(1) }).omit({ sharingConsent: true }),
      response: { 204: z.null(), ...problemResponses },
    },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await recordLawfulBasis({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });
  api.put(`${base}/sharing-consent`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record that they agree to sharing with partner agencies, refuse it, or withdraw their agreement', params: episodeParams, body: sharingConsentBody, response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await changeSharingConsent({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });
}

function basisValues(ctx: SignedInCtx, record: LawfulBasisRecord): Record<string, unknown> {
  return {
    privacyNoticeGiven: record.privacyNoticeOn ? 'yes' : '',
    ...(record.privacyNoticeOn ? datePartsOf('privacyNoticeOn', record.privacyNoticeOn) : todaysDateParts('privacyNoticeOn', ctx.actor.timeZone)),
    lawfulBasis: record.lawfulBasis ?? '',
    offenceDataCondition: record.offenceDataCondition ?? '',
    healthDataCondition: record.healthDataCondition ?? '',
  };
}

function currentConsent(record: LawfulBasisRecord): string {
  if (record.sharingConsentWithdrawnOn) return `they withdrew their agreement on ${formatCalendarDate(record.sharingConsentWithdrawnOn)}`;
  if (!record.sharingConsent) return 'not recorded';
  return `${record.sharingConsentWords?.toLowerCase()}${record.sharingConsentOn ? ` (${formatCalendarDate(record.sharingConsentOn)})` : ''}`;
}
