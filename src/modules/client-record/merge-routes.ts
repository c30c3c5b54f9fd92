import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { flash, submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { listEpisodes } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { mergePeople, undoMerge } from '../people/merge.ts';
import { findLikelyDuplicates, interpretQuery, searchVisiblePeople } from '../people/queries.ts';
import { getPerson } from '../people/service.ts';

const params = z.object({ personId: z.uuid() });
const pairParams = params.extend({ otherId: z.uuid() });
const undoParams = params.extend({ mergeId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const blank = (value: unknown) => (value === '' ? undefined : value);
/** Which of the two records to keep: the one the merge started from unless the team leader swapped. */
const keepQuery = z.object({ keep: z.preprocess(blank, z.uuid().optional()) }).catch({ keep: undefined });
const keepForm = (ids: { personId: string; otherId: string }) =>
  z.object({ keep: z.preprocess(blank, z.enum([ids.personId, ids.otherId], { error: 'Choose which record to keep' }).optional()) });

/** The two records side by side, the one to keep first, with a swap. */
async function confirmPage(ctx: SignedInCtx, ids: { personId: string; otherId: string }, keptId: string, form: FormState) {
  const mergedId = keptId === ids.personId ? ids.otherId : ids.personId;
  const [kept, other, keptEpisodes, otherEpisodes] = await Promise.all([
    getPerson({ ctx, personId: keptId }),
    getPerson({ ctx, personId: mergedId }),
    listEpisodes(ctx, keptId),
    listEpisodes(ctx, mergedId),
  ]);
  return { pageTitle: 'Check and merge', startId: ids.personId, pairHref: `/people/${ids.personId}/merge/${ids.otherId}`, kept, other, keptEpisodes, otherEpisodes, form };
}

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
    const shown = [...(found ?? []), ...duplicates.visible].map((p) => p.id);
    await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'merge', ...(query ? { searchBy: query.kind } : {}), personIds: [...new Set(shown)] } });
    return reply.view('client-record/views/merge-choose.njk', { pageTitle: `Merge a record into ${person.firstName} ${person.lastName}`, person, q, found, duplicates });
  });

  app.get('/people/:personId/merge/:otherId', { config: { access: 'people.merge' }, schema: { params: pairParams } }, async (request, reply) => {
    const ids = pairParams.parse(request.params);
    const { keep } = keepQuery.parse(request.query);
    return reply.view('client-record/views/merge-confirm.njk', await confirmPage(ctxOf(request), ids, keep === ids.otherId ? ids.otherId : ids.personId, formState({})));
  });

  app.post('/people/:personId/merge/:otherId', { config: { access: 'people.merge' }, schema: { params: pairParams } }, async (request, reply) => {
    const ids = pairParams.parse(request.params);
    const chosen = keepQuery.safeParse(request.body).data?.keep;
    return submitForm({
      request,
      reply,
      schema: keepForm(ids),
      render: async (form, status) => reply.code(status).view('client-record/views/merge-confirm.njk', await confirmPage(ctxOf(request), ids, chosen === ids.otherId ? ids.otherId : ids.personId, form)),
      work: async ({ keep }) => {
        const keptId = keep ?? ids.personId;
        const mergedId = keptId === ids.personId ? ids.otherId : ids.personId;
        await mergePeople({ ctx: ctxOf(request), keptId, mergedId });
        return { redirectTo: `/people/${keptId}`, success: 'Records merged. Everything from the other record is now on this one; you can undo the merge below.' };
      },
    });
  });

  app.post('/people/:personId/merges/:mergeId/undo', { config: { access: 'people.merge' }, schema: { params: undoParams } }, async (request, reply) => {
    const { personId, mergeId } = undoParams.parse(request.params);
    await authorizePerson(ctxOf(request), personId, 'people.read');
    const { mergedId } = await undoMerge({ ctx: ctxOf(request), mergeId });
    await flash(request, 'Merge undone: the two records are separate again.');
    return reply.redirect(`/people/${mergedId}`);
  });
}
