import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { assignmentHistory } from '../casework/assignments.ts';
import { listEpisodes } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { lawfulBasisJson } from '../lawful-basis/schemas.ts';
import { lawfulBasisOf } from '../lawful-basis/service.ts';
import { allocationClearanceWarnings } from '../staff/clearance-warning.ts';
import { episodeDetail } from './queries.ts';
import { closureBody, liberationBody, newSignUpBody } from './schemas.ts';
import { allocate, closeEpisode, recordLiberation, reopenEpisode, signUp } from './service.ts';

const allocationBody = z.object({
  teamId: z.uuid().optional(),
  prisonCoachId: z.uuid().optional(),
  communityCoachId: z.uuid().optional(),
  employmentConsultantId: z.uuid().optional(),
  familySupportId: z.uuid().optional(),
  reason: z.string().trim().max(500).optional().describe('Why the allocation changes; kept with each assignment'),
  version: z.number().int().min(1),
});

const tags = ['Sign-ups'];
const personParams = z.object({ personId: z.uuid() });
const created = z.object({ id: z.uuid() });
const nothing = { 204: z.null(), ...problemResponses };
const episodeSummary = z.object({
  id: z.uuid(),
  signedUpOn: z.string(),
  expectedLiberationOn: z.string().nullable(),
  liberatedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  gateStatus: z.string().nullable(),
  prisonName: z.string(),
  teamName: z.string().nullable(),
  engaged: z.boolean(),
  visits: z.number().int(),
});
const episodeJson = z.object({
  episode: z.record(z.string(), z.unknown()),
  visits: z.array(z.record(z.string(), z.unknown())),
  appointments: z.array(z.record(z.string(), z.unknown())),
  assignments: z.array(z.record(z.string(), z.unknown())).describe('Who has worked with the sign-up, in which part, from and to when; current ones have no toOn'),
  lawfulBasis: lawfulBasisJson,
});

export function custodyApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups';

  api.get(base, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'A person’s sign-ups, newest first', params: personParams, response: { 200: z.object({ signUps: z.array(episodeSummary) }), ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    await authorizePerson(ctx, request.params.personId, 'people.read');
    const signUps = await listEpisodes(ctx, request.params.personId);
    await audit(ctx, { action: 'read', recordType: 'person', recordId: request.params.personId, detail: { part: 'sign-ups' } });
    return { signUps };
  });

  api.post(base, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Sign a person up in prison (eligibility checked), with the privacy notice, lawful basis and consent to share', params: personParams, body: newSignUpBody, response: { 201: created, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await signUp({ ctx: ctxOf(request), personId: request.params.personId, input: request.body }) }));

  api.get(`${base}/:episodeId`, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'One sign-up, with its visits and day-one appointments', params: episodeParams, response: { 200: episodeJson, ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    await authorizePerson(ctx, personId, 'people.read');
    const [detail, assignments] = await Promise.all([episodeDetail(ctx, { personId, episodeId }), assignmentHistory(ctx, episodeId)]);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId });
    return { ...detail, assignments, lawfulBasis: await lawfulBasisOf(ctx, episodeId) };
  });

  api.put(`${base}/:episodeId/liberation`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record liberation and the gate meeting', params: episodeParams, body: liberationBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await recordLiberation({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/allocation`, {
    config: { access: 'people.allocate' },
    schema: {
      tags,
      summary: 'Allocate the team and workers (team leaders); an absent worker is unallocated. Saved either way; 200 with warnings when a worker’s clearance for the sign-up’s prison has expired, 204 otherwise',
      params: episodeParams,
      body: allocationBody,
      response: { 200: z.object({ warnings: z.array(z.string()).describe('Saved, but: a worker’s prison clearance has expired (one sentence each)') }), ...nothing },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { version, ...input } = request.body;
    await allocate({ ctx, ...request.params, version, input });
    const warnings = await allocationClearanceWarnings(ctx, request.params.episodeId, input);
    return warnings.length > 0 ? reply.code(200).send({ warnings }) : reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/closure`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Close the case', params: episodeParams, body: closureBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await closeEpisode({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/reopening`, {
    config: { access: 'signups.reopen' },
    schema: { tags, summary: 'Reopen a closed sign-up (team leaders), so that work can be recorded on it again', params: episodeParams, body: z.object({ version: z.number().int().min(1) }), response: nothing },
  }, async (request, reply) => {
    await reopenEpisode({ ctx: ctxOf(request), ...request.params, version: request.body.version });
    return reply.code(204).send(null);
  });
}
