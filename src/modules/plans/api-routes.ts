import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { isoDate } from '../../http/date-fields.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { assessmentBody } from './schemas.ts';
import { listNeeds, saveAssessment } from './needs.ts';
import { addAction, correctAction, listActions } from './service.ts';

const tags = ['Needs and plans'];
const actionBody = z.object({
  domain: z.string().min(1).max(40),
  goal: z.string().trim().min(1).max(500),
  action: z.string().trim().min(1).max(1000),
  ownerText: z.string().trim().max(200).optional(),
  dueOn: isoDate('the date it is due by').optional(),
});

export function planApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId';

  api.get(`${base}/plan`, {
    config: { access: 'people.read' },
    schema: {
      tags,
      summary: 'Needs assessments (the baseline first, the latest compared with it), each need’s status history, and the action plan',
      params: episodeParams,
      response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
    },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    const access = await authorizePerson(ctx, personId, 'people.read');
    await findEpisode(ctx, personId, episodeId);
    const [needs, actions] = await Promise.all([listNeeds(ctx, episodeId), listActions(ctx, { personId, episodeId, access })]);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'plan' } });
    return { ...needs, actions };
  });

  api.post(`${base}/assessments`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a needs assessment: the first is the baseline, later ones are reviews', params: episodeParams, body: assessmentBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await saveAssessment({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.post(`${base}/actions`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Add a goal and action to the plan', params: episodeParams, body: actionBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await addAction({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/actions/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a plan action (its recorder or a team leader), from the version you read', params: recordParams, body: actionBody.extend({ version: z.number().int().min(1) }), response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await correctAction({ ctx: ctxOf(request), ...request.params, actionId: request.params.recordId, version, input });
    return reply.code(204).send(null);
  });
}
