import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from '../people/access.ts';
import { ctxOf, episodeParams } from './casework-route.ts';
import { episodeDetail, listEpisodes } from './queries.ts';
import { isoDate } from '../../http/date-fields.ts';
import { closureBody, liberationBody, signUpBody, visitBody } from './schemas.ts';
import { addDayOneAppointment, allocate, closeEpisode, episodeOf, recordLiberation, recordVisit, signUp } from './service.ts';

const appointmentBody = z.object({
  appointmentOn: isoDate('the date of the appointment'),
  appointmentTime: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30 or 14:00').optional(),
  agency: z.string().trim().min(1, 'Enter the agency').max(200),
  purpose: z.string().trim().max(1000).optional(),
});
const allocationBody = z.object({
  teamId: z.uuid().optional(),
  prisonCoachId: z.uuid().optional(),
  communityCoachId: z.uuid().optional(),
  employmentConsultantId: z.uuid().optional(),
  familySupportId: z.uuid().optional(),
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
    schema: { tags, summary: 'Sign a person up in prison (eligibility checked)', params: personParams, body: signUpBody, response: { 201: created, ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await signUp({ ctx: ctxOf(request), personId: request.params.personId, input: request.body }) }));

  api.get(`${base}/:episodeId`, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'One sign-up, with its visits and day-one appointments', params: episodeParams, response: { 200: episodeJson, ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    await authorizePerson(ctx, personId, 'people.read');
    await episodeOf(ctx, personId, episodeId);
    const detail = await episodeDetail(ctx, episodeId);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId });
    return detail;
  });

  api.post(`${base}/:episodeId/visits`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a pre-release visit', params: episodeParams, body: visitBody, response: nothing },
  }, async (request, reply) => {
    await recordVisit({ ctx: ctxOf(request), ...request.params, input: request.body });
    return reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/liberation`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record liberation and the gate meeting', params: episodeParams, body: liberationBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await recordLiberation({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });

  api.post(`${base}/:episodeId/appointments`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Arrange a day-one appointment', params: episodeParams, body: appointmentBody, response: nothing },
  }, async (request, reply) => {
    await addDayOneAppointment({ ctx: ctxOf(request), ...request.params, input: request.body });
    return reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/allocation`, {
    config: { access: 'people.allocate' },
    schema: { tags, summary: 'Allocate the team and workers (team leaders); an absent worker is unallocated', params: episodeParams, body: allocationBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await allocate({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });

  api.put(`${base}/:episodeId/closure`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Close the case', params: episodeParams, body: closureBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await closeEpisode({ ctx: ctxOf(request), ...request.params, version, input });
    return reply.code(204).send(null);
  });
}
