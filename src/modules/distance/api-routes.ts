import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { listReadings } from './queries.ts';
import { readingBody } from './schemas.ts';
import { addReading, correctReading } from './service.ts';

const tags = ['Distance travelled'];
const readingJson = z.object({
  id: z.uuid(),
  readOn: z.string(),
  reoffending: z.enum(['no', 'yes', 'prefers_not_to_say']),
  reoffendingLabel: z.string(),
  note: z.string().nullable().describe('Null when you may not read notes'),
  noteHidden: z.boolean(),
  workerName: z.string().nullable(),
  version: z.number().int(),
  enteredInErrorReason: z.string().nullable().describe('Set when the reading was entered in error: it counts nowhere'),
  mayCorrect: z.boolean().describe('Whether you may correct it or mark it entered in error'),
  scores: z.array(z.object({ area: z.string(), areaLabel: z.string(), clientScore: z.number().int(), workerScore: z.number().int().nullable() })),
});

export function distanceApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId/distance-readings';

  api.get(
    base,
    {
      config: { access: 'people.read' },
      schema: {
        tags,
        summary: 'A sign-up’s distance travelled readings, newest first',
        params: episodeParams,
        response: { 200: z.object({ readings: z.array(readingJson) }), ...problemResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const { personId, episodeId } = request.params;
      const access = await authorizePerson(ctx, personId, 'people.read');
      await findEpisode(ctx, personId, episodeId);
      const readings = await listReadings(ctx, { personId, episodeId, access });
      await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'distance-readings' } });
      return { readings };
    },
  );

  api.post(
    base,
    {
      config: { access: 'people.write' },
      schema: {
        tags,
        summary: 'Record a distance travelled reading: a score for every active area',
        params: episodeParams,
        body: readingBody,
        response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await addReading({ ctx: ctxOf(request), ...request.params, input: request.body }) }),
  );

  api.put(
    `${base}/:recordId`,
    {
      config: { access: 'people.write' },
      schema: {
        tags,
        summary: 'Correct a distance travelled reading (its recorder or a team leader), scores included, from the version you read',
        params: recordParams,
        body: readingBody.extend({ version: z.number().int().min(1) }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      await correctReading({ ctx: ctxOf(request), ...request.params, readingId: request.params.recordId, version, input });
      return reply.code(204).send(null);
    },
  );
}
