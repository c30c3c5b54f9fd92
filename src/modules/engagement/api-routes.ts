import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { contactBody } from './schemas.ts';
import { addContact, correctContact, engagementOf, listContacts, recordNonEngagement } from './service.ts';

const tags = ['Contacts'];
const contactJson = z.object({
  id: z.uuid(),
  contactOn: z.string(),
  contactTime: z.string().nullable(),
  contactType: z.string(),
  contactTypeLabel: z.string().nullable(),
  outcome: z.string(),
  helpGiven: z.array(z.string()),
  durationMinutes: z.number().int().nullable(),
  place: z.string().nullable(),
  notes: z.string().nullable().describe('Null when you may not read notes'),
  notesHidden: z.boolean(),
  workerName: z.string().nullable(),
  version: z.number().int(),
  enteredInErrorReason: z.string().nullable().describe('Set when the contact was entered in error: it counts nowhere'),
  mayCorrect: z.boolean().describe('Whether you may correct it or mark it entered in error'),
});

export function engagementApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId/contacts';

  api.get(base, {
    config: { access: 'people.read' },
    schema: {
      tags,
      summary: 'A sign-up’s contacts and whether it is engaged',
      params: episodeParams,
      response: { 200: z.object({ engaged: z.boolean(), firstContactOn: z.string().nullable(), contacts: z.array(contactJson) }), ...problemResponses },
    },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    const access = await authorizePerson(ctx, personId, 'people.read');
    await findEpisode(ctx, personId, episodeId);
    const [engagement, contacts] = await Promise.all([engagementOf(ctx, episodeId), listContacts(ctx, { personId, episodeId, access })]);
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'contacts' } });
    return { engaged: engagement.engaged, firstContactOn: engagement.firstContactOn, contacts };
  });

  api.put('/api/v1/people/:personId/sign-ups/:episodeId/non-engagement', {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Record why the client has not engaged, or stopped engaging',
      params: episodeParams,
      body: z.object({ reason: z.string().min(1).max(40), note: z.string().trim().max(2000).optional(), version: z.number().int().min(1) }),
      response: { 204: z.null(), ...problemResponses },
    },
  }, async (request, reply) => {
    await recordNonEngagement({ ctx: ctxOf(request), ...request.params, ...request.body });
    return reply.code(204).send(null);
  });

  api.post(base, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a contact', params: episodeParams, body: contactBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await addContact({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/:recordId`, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a contact (its recorder or a team leader), from the version you read', params: recordParams, body: contactBody.extend({ version: z.number().int().min(1) }), response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await correctContact({ ctx: ctxOf(request), ...request.params, contactId: request.params.recordId, version, input });
    return reply.code(204).send(null);
  });
}
