import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { isoDate } from '../../http/date-fields.ts';
import { audit } from '../audit/record.ts';
import { ctxOf, episodeParams } from '../custody/casework-route.ts';
import { episodeOf } from '../custody/service.ts';
import { authorizePerson } from '../people/access.ts';
import { assessmentBody } from './schemas.ts';
import { addAction, listActions, listNeeds, saveAssessment } from './service.ts';

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
    schema: { tags, summary: 'Needs assessment (with each need’s status history) and action plan', params: episodeParams, response: { 200: z.record(z.string(), z.unknown()), ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    await authorizePerson(ctx, personId, 'people.read');
    await episodeOf(ctx, personId, episodeId);
    const [needs, actions] = await Promise.all([listNeeds(ctx, episodeId), listActions(ctx, episodeId)]);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'plan' } });
    return { ...needs, actions };
  });

  api.put(`${base}/needs`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Save the needs assessment', params: episodeParams, body: assessmentBody, response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    await saveAssessment({ ctx: ctxOf(request), ...request.params, input: request.body });
    return reply.code(204).send(null);
  });

  api.post(`${base}/actions`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Add a goal and action to the plan', params: episodeParams, body: actionBody, response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    await addAction({ ctx: ctxOf(request), ...request.params, input: request.body });
    return reply.code(204).send(null);
  });
}
