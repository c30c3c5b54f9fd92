import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { STEPS, stepsOpenTo, type Step } from './lifecycle.ts';
import { referralDetail, referralsOfSignUp } from './queries.ts';
import { referralBody } from './referral-form.ts';
import { coachReferral, makeReferral, markReferralInError, recordCoachStep, stateOf } from './service.ts';
import { stepBody } from './step-form.ts';

const tags = ['Referrals'];
const params = episodeParams.extend({ referralId: z.uuid() });
const nothing = { 204: z.null(), ...problemResponses };

const referralJson = z.object({
  id: z.uuid(),
  mode: z.enum(['live', 'logged']).describe('live: sent to the agency through Throughcare; logged: a referral made another way, recorded here'),
  status: z.string(),
  statusText: z.string(),
  agency: z.string().describe('The organisation and service, or the agency typed when it is not in the directory'),
  serviceId: z.uuid().nullable(),
  needDomain: z.string(),
  needLabel: z.string(),
  urgency: z.string(),
  sentOn: z.string(),
  answerDueOn: z.string().describe('After this day an unanswered referral is overdue'),
  appointmentOn: z.string().nullable(),
  outcomeResult: z.string().nullable(),
  outcomeId: z.uuid().nullable().describe('The outcome recorded from this referral'),
  overdue: z.boolean(),
  version: z.number().int(),
  enteredInErrorReason: z.string().nullable().describe('Set when the referral was entered in error: it counts nowhere'),
});

const stepJson = z.object({
  kind: z.string(),
  title: z.string(),
  happenedOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  byAgency: z.boolean(),
  declineReason: z.string().nullable(),
  appointmentOn: z.string().nullable(),
  appointmentTime: z.string().nullable(),
  accompanied: z.boolean().nullable(),
  outcomeResult: z.string().nullable(),
  note: z.string().nullable(),
});

const pick = <T extends Record<string, unknown>>(row: T) => referralJson.parse(Object.fromEntries(Object.keys(referralJson.shape).map((key) => [key, row[key] ?? null])));

/** The coach's referrals API: a sign-up's referrals, make one, one with its steps, record a step, mark one entered in error. */
export function referralApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId/referrals';

  api.get(base, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'A sign-up’s referrals (those entered in error last)', params: episodeParams, response: { 200: z.object({ referrals: z.array(referralJson) }), ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    await authorizePerson(ctx, personId, 'people.read');
    await findEpisode(ctx, personId, episodeId);
    const { referrals } = await referralsOfSignUp(ctx, { personId, episodeId });
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'referrals' } });
    return { referrals: referrals.map(pick) };
  });

  api.post(base, {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Make a referral: send it through Throughcare (needs their consent and an agency answering here) or record one made another way',
      params: episodeParams,
      body: referralBody,
      response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send({ id: await makeReferral({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.get(`${base}/:referralId`, {
    config: { access: 'people.read' },
    schema: {
      tags,
      summary: 'A referral with every step, and the steps you may take now',
      params,
      response: {
        200: referralJson.extend({ reason: z.string(), shared: z.array(z.string()), consent: z.string(), consentOn: z.string(), steps: z.array(stepJson), stepsOpen: z.array(z.string()) }),
        ...problemResponses,
      },
    },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { referral, access } = await coachReferral(ctx, request.params, 'people.read');
    const detail = await referralDetail(ctx, referral, { personId: request.params.personId, access });
    await audit(ctx, { action: 'read', recordType: 'referral', recordId: referral.id, detail: { episodeId: referral.episode_id } });
    return {
      ...pick(detail),
      reason: detail.reason,
      shared: detail.sharedCodes,
      consent: detail.consent,
      consentOn: detail.consentOn,
      steps: detail.events.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })),
      stepsOpen: stepsOpenTo(stateOf(referral), 'coach'),
    };
  });

  api.post(`${base}/:referralId/steps`, {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Record a step of a referral (from the version you read): refused with 409 when the lifecycle does not allow it now',
      params,
      body: stepBody.extend({ step: z.enum(STEPS as [Step, ...Step[]]) }),
      response: nothing,
    },
  }, async (request, reply) => {
    const { step, version, ...input } = request.body;
    await recordCoachStep({ ctx: ctxOf(request), ...request.params, version, step, input });
    return reply.code(204).send(null);
  });

  api.post(`${base}/:referralId/entered-in-error`, {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Mark a referral as entered in error (kept, counted nowhere, gone from the agency’s lists)',
      params,
      body: z.object({ reason: z.string().trim().min(1, 'Enter why it was entered in error').max(1000), version: z.number().int().min(1) }),
      response: nothing,
    },
  }, async (request, reply) => {
    await markReferralInError({ ctx: ctxOf(request), ...request.params, ...request.body });
    return reply.code(204).send(null);
  });
}
