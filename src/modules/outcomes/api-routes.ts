import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { listOutcomes } from './queries.ts';
import { outcomeBody, verificationBody } from './schemas.ts';
import { addOutcome, correctOutcome } from './service.ts';
import { verifyOutcome } from './verification.ts';

const tags = ['Outcomes'];
const outcomeJson = z.object({
  id: z.uuid(),
  achievedOn: z.string(),
  outcomeType: z.string(),
  outcomeTypeLabel: z.string().nullable(),
  category: z.string().nullable(),
  hard: z.boolean().nullable(),
  mustVerify: z.boolean().nullable().describe('Whether the type counts only once verified'),
  detail: z.string().nullable(),
  evidenceKind: z.string().nullable(),
  evidenceKindLabel: z.string().nullable(),
  evidenceReference: z.string().nullable(),
  evidenceFiles: z.array(z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), byteSize: z.number().int(), sha256: z.string() })),
  state: z.enum(['verified', 'rejected', 'waiting', 'not_needed', 'entered_in_error']),
  verification: z.enum(['unverified', 'verified', 'rejected']),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedFrom: z.enum(['job_start', 'in_work_check']).nullable().describe('Set when a job start or an in-work check recorded it: corrected there'),
  imported: z.boolean(),
  version: z.number().int(),
  enteredInErrorReason: z.string().nullable().describe('Set when the outcome was entered in error: it counts nowhere'),
  mayCorrect: z.boolean(),
  mayVerify: z.boolean(),
});

/** /api/v1/people/:personId/sign-ups/:episodeId/outcomes: list, record, correct and verify outcomes. */
export function outcomesApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId/outcomes';

  api.get(base, {
    config: { access: 'people.read' },
    schema: { tags, summary: 'A sign-up’s outcomes, with their evidence and verification', params: episodeParams, response: { 200: z.object({ outcomes: z.array(outcomeJson) }), ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = request.params;
    const access = await authorizePerson(ctx, personId, 'people.read');
    await findEpisode(ctx, personId, episodeId);
    const rows = await listOutcomes(ctx, { personId, episodeId, access });
    await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'outcomes' } });
    return {
      outcomes: rows.map(({ files, verifiedAt, ...row }) => ({
        ...row,
        verification: row.verification as 'unverified' | 'verified' | 'rejected',
        verifiedAt: verifiedAt ? verifiedAt.toISOString() : null,
        evidenceFiles: files.map((file) => ({ id: file.id, fileName: file.fileName, mediaType: file.mediaType, byteSize: file.byteSize, sha256: file.sha256 })),
      })),
    };
  });

  api.post(base, {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record an outcome (evidence files are added from the outcome form)', params: episodeParams, body: outcomeBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await addOutcome({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.put(`${base}/:recordId`, {
    config: { access: 'people.write' },
    schema: {
      tags,
      summary: 'Correct an outcome (its recorder or a team leader), from the version you read; a new type or date undoes its verification',
      params: recordParams,
      body: outcomeBody.extend({ version: z.number().int().min(1) }),
      response: { 200: z.object({ verificationUndone: z.boolean() }), ...problemResponses },
    },
  }, async (request) => {
    const { version, ...input } = request.body;
    const { recordId, ...ids } = request.params;
    return { verificationUndone: await correctOutcome({ ctx: ctxOf(request), ...ids, outcomeId: recordId, version, input }) };
  });

  api.post(`${base}/:recordId/verification`, {
    config: { access: 'outcomes.verify' },
    schema: {
      tags,
      summary: 'Verify an outcome, or reject it with a reason: a team leader or an employment consultant who did not record it',
      params: recordParams,
      body: verificationBody,
      response: { 204: z.null(), ...problemResponses },
    },
  }, async (request, reply) => {
    const { recordId, ...ids } = request.params;
    await verifyOutcome(ctxOf(request), { ...ids, outcomeId: recordId, input: request.body });
    return reply.code(204).send(null);
  });
}
