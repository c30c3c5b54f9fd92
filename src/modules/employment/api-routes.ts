import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { isoDate } from '../../http/date-fields.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { addActivity, correctActivity } from './activities.ts';
import { handOver } from './hand-over.ts';
import { addCheck, correctCheck } from './in-work-checks.ts';
import { addJobStart, correctJobStart } from './job-starts.ts';
import { checkParams } from './job-routes.ts';
import { activityBody, checkBody, handOverBody, jobStartBody, placeBody } from './schemas.ts';
import { employmentJson, presentEmployment } from './presenter.ts';
import { employmentSection } from './section.ts';
import { addPlace, correctPlace } from './training.ts';

const tags = ['Employment'];
const base = '/api/v1/people/:personId/sign-ups/:episodeId';
const created = { 201: z.object({ id: z.uuid() }), ...problemResponses };
const saved = { 204: z.null(), ...problemResponses };
const version = { version: z.number().int().min(1) };
const ending = z.object({ status: z.enum(['started', 'completed', 'left']), endedOn: isoDate('the date it ended').optional(), leftReason: z.string().trim().max(1000).optional() });

export function employmentApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get(`${base}/employment`, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'A sign-up’s employment: consultant, activities, job starts with their in-work checks, training places', params: episodeParams, response: { 200: employmentJson, ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    const access = await authorizePerson(ctx, personId, 'people.read');
    await findEpisode(ctx, personId, episodeId);
    const section = await employmentSection(ctx, { personId, episodeId, access });
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'employment' } });
    return presentEmployment(section);
  });

  api.post(`${base}/hand-over`, {
    config: { access: 'employment.handOver' },
    schema: { tags, summary: 'Hand a job-ready client to an employment consultant (ends the previous consultant’s assignment)', params: episodeParams, body: handOverBody, response: saved },
  }, async (request, reply) => {
    await handOver({ ctx: ctxOf(request), ...request.params, input: request.body });
    return reply.code(204).send(null);
  });

  api.post(`${base}/employability-activities`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record an employability activity', params: episodeParams, body: activityBody, response: created },
  }, async (request, reply) => reply.code(201).send({ id: await addActivity({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/employability-activities/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct an employability activity (its recorder or a team leader), from the version you read', params: recordParams, body: activityBody.extend(version), response: saved },
  }, async (request, reply) => {
    const { version: from, ...input } = request.body;
    await correctActivity({ ctx: ctxOf(request), ...request.params, version: from, input });
    return reply.code(204).send(null);
  });

  api.post(`${base}/job-starts`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a job start (records its "job start" outcome too)', params: episodeParams, body: jobStartBody, response: created },
  }, async (request, reply) => reply.code(201).send({ id: await addJobStart({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/job-starts/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a job start (its outcome follows), from the version you read', params: recordParams, body: jobStartBody.extend(version), response: saved },
  }, async (request, reply) => {
    const { version: from, ...input } = request.body;
    await correctJobStart({ ctx: ctxOf(request), ...request.params, version: from, input });
    return reply.code(204).send(null);
  });

  api.post(`${base}/job-starts/:jobStartId/checks/:week`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record an in-work check at one of the programme’s check weeks (still in work records a "sustained job" outcome)', params: checkParams, body: checkBody, response: created },
  }, async (request, reply) => reply.code(201).send({ id: await addCheck({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/in-work-checks/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct an in-work check (its outcome follows), from the version you read', params: recordParams, body: checkBody.extend(version), response: saved },
  }, async (request, reply) => {
    const { version: from, ...input } = request.body;
    await correctCheck({ ctx: ctxOf(request), ...request.params, version: from, input });
    return reply.code(204).send(null);
  });

  api.post(`${base}/training-places`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a training or education place', params: episodeParams, body: placeBody, response: created },
  }, async (request, reply) => reply.code(201).send({ id: await addPlace({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/training-places/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a training or education place, or record how it ended, from the version you read', params: recordParams, body: placeBody.extend({ ...version, ending }), response: saved },
  }, async (request, reply) => {
    const { version: from, ending: end, ...input } = request.body;
    await correctPlace({ ctx: ctxOf(request), ...request.params, version: from, input, ending: end });
    return reply.code(204).send(null);
  });
}
