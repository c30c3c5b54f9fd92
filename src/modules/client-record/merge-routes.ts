import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { flash } from '../../http/form-submission.ts';
import { listEpisodes } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { mergePeople, undoMerge } from '../people/merge.ts';
import { findLikelyDuplicates, interpretQuery, searchVisiblePeople } from '../people/queries.ts';
import { getPerson } from '../people/service.ts';

const params = z.object({ personId: z.uuid() });
const pairParams = params.extend({ otherId: z.uuid() });
const undoParams = params.extend({ mergeId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** A team leader merges two records of the same human, and can undo it. */
export function mergeRoutes(app: FastifyInstance) {
  app.get('/people/:personId/merge', { config: { access: 'people.merge' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    const ctx = ctxOf(request);
    const person = await getPerson({ ctx, personId });
    const q = z.object({ q: z.string().trim().max(100).default('') }).catch({ q: '' }).parse(request.query).q;
    const query = interpretQuery(q);
    const found = query ? (await searchVisiblePeople(ctx, query)).filter((p) => p.id !== personId) : null;
    const duplicates = await findLikelyDuplicates(ctx, { ...person, exceptId: personId });
    return reply.view('client-record/views/merge-choose.njk', { pageTitle: `Merge a record into ${person.firstName} ${person.lastName}`, person, q, found, duplicates });
  });

  app.get('/people/:personId/merge/:otherId', { config: { access: 'people.merge' }, schema: { params: pairParams } }, async (request, reply) => {
    const { personId, otherId } = pairParams.parse(request.params);
    const ctx = ctxOf(request);
    const [kept, other] = await Promise.all([getPerson({ ctx, personId }), getPerson({ ctx, personId: otherId })]);
    const [keptEpisodes, otherEpisodes] = await Promise.all([listEpisodes(ctx, personId), listEpisodes(ctx, otherId)]);
    return reply.view('client-record/views/merge-confirm.njk', { pageTitle: 'Check and merge', kept, other, keptEpisodes, otherEpisodes });
  });

  app.post('/people/:personId/merge/:otherId', { config: { access: 'people.merge' }, schema: { params: pairParams } }, async (request, reply) => {
    const { personId, otherId } = pairParams.parse(request.params);
    await mergePeople({ ctx: ctxOf(request), keptId: personId, mergedId: otherId });
    await flash(request, 'Records merged. Everything from the other record is now on this one; you can undo the merge below.');
    return reply.redirect(`/people/${personId}`);
  });

  app.post('/people/:personId/merges/:mergeId/undo', { config: { access: 'people.merge' }, schema: { params: undoParams } }, async (request, reply) => {
    const { personId, mergeId } = undoParams.parse(request.params);
    await authorizePerson(ctxOf(request), personId, 'people.read');
    const { mergedId } = await undoMerge({ ctx: ctxOf(request), mergeId });
    await flash(request, 'Merge undone: the two records are separate again.');
    return reply.redirect(`/people/${mergedId}`);
  });
}
