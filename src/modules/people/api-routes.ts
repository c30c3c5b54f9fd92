import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { aliasForm, personCreateBody, personUpdateBody, searchQuery } from './schemas.ts';
import { mergePeople, undoMerge, visibleKeptRecordOf } from './merge.ts';
import { addAlias, createPerson, getPerson, PossibleDuplicateError, searchPeople, updatePerson, type PersonRecord } from './service.ts';

const tags = ['People'];
const params = z.object({ personId: z.uuid() });
const listItem = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  prisonNumbers: z.array(z.string()),
  aliases: z.array(z.string()),
});
const personJson = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  gender: z.string().nullable(),
  localAuthorityId: z.string().nullable(),
  localAuthorityName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  riskToStaff: z.boolean(),
  riskNote: z.string().nullable(),
  prisonNumbers: z.array(z.string()),
  aliases: z.array(z.object({ firstName: z.string(), lastName: z.string() })),
  version: z.number().int(),
});
const duplicateJson = problemResponses[409].extend({ candidates: z.object({ visible: z.array(listItem), hiddenCount: z.number().int() }).optional() });

const present = (person: PersonRecord) => personJson.parse(person);

export function personApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const ctxOf = (request: { ctx: unknown }) => request.ctx as SignedInCtx;

  api.get('/api/v1/people', {
    config: { access: 'people.read' },
    schema: { tags, summary: 'Find people you work with by name, prison number or date of birth', querystring: searchQuery, response: { 200: z.object({ people: z.array(listItem) }), ...problemResponses } },
  }, async (request) => ({ people: await searchPeople({ ctx: ctxOf(request), q: request.query.q }) }));

  api.post('/api/v1/people', {
    config: { access: 'people.create' },
    schema: { tags, summary: 'Create a person (likely duplicates are refused with 409 unless notDuplicate is true)', body: personCreateBody, response: { 201: personJson, ...problemResponses, 409: duplicateJson } },
  }, async (request, reply) => {
    try {
      return reply.code(201).send(present(await createPerson({ ctx: ctxOf(request), input: request.body })));
    } catch (error) {
      if (!(error instanceof PossibleDuplicateError)) throw error;
      return reply.code(409).type('application/problem+json').send({
        type: 'urn:throughcare:problem:possible-duplicate',
        title: error.title,
        status: 409,
        detail: error.message,
        instance: request.url,
        candidates: error.candidates,
      });
    }
  });

  api.get('/api/v1/people/:personId', {
    config: { access: 'people.read' },
    schema: { tags, summary: 'Get a person', params, response: { 200: personJson, ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const personId = request.params.personId;
    try {
      return present(await getPerson({ ctx, personId }));
    } catch (error) {
      // A merged-away record: say where it went, to someone who may see the kept record.
      const keptId = error instanceof NotFoundError ? await visibleKeptRecordOf(ctx, personId) : null;
      throw keptId ? new NotFoundError(`This record was merged into ${keptId}`) : error;
    }
  });

  api.post('/api/v1/people/:personId/aliases', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Add another name the person is known by', params, body: aliasForm, response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    await addAlias({ ctx: ctxOf(request), personId: request.params.personId, ...request.body });
    return reply.code(204).send(null);
  });

  api.post('/api/v1/people/:personId/merges', {
    config: { access: 'people.merge' },
    schema: {
      tags,
      summary: 'Merge another record of the same person into this one (team leaders)',
      params,
      body: z.object({ otherId: z.uuid().describe('The duplicate record, which is merged into this one') }),
      response: { 201: z.object({ mergeId: z.uuid() }), ...problemResponses },
    },
  }, async (request, reply) =>
    reply.code(201).send({ mergeId: await mergePeople({ ctx: ctxOf(request), keptId: request.params.personId, mergedId: request.body.otherId }) }),
  );

  api.post('/api/v1/merges/:mergeId/undo', {
    config: { access: 'people.merge' },
    schema: {
      tags,
      summary: 'Undo a merge: everything moved goes back',
      params: z.object({ mergeId: z.uuid() }),
      response: { 200: z.object({ keptId: z.uuid(), mergedId: z.uuid() }), ...problemResponses },
    },
  }, async (request) => undoMerge({ ctx: ctxOf(request), mergeId: request.params.mergeId }));

  api.patch('/api/v1/people/:personId', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Change a person’s details', params, body: personUpdateBody, response: { 200: personJson, ...problemResponses } },
  }, async (request) => {
    const { version, ...changes } = request.body;
    return present(await updatePerson({ ctx: ctxOf(request), personId: request.params.personId, version, changes }));
  });
}
