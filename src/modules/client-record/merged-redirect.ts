import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { visibleKeptRecordOf } from '../people/merge.ts';

const PERSON_PAGE = /^\/people\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=[/.?]|$)/i;

/**
 * Where a page of a merged-away record now is: the same page of the record it was merged into, for
 * someone who may see that person; null otherwise (the page stays "not found").
 */
export async function mergedPageRedirect(request: FastifyRequest): Promise<string | null> {
  const ctx = request.ctx as SignedInCtx | undefined;
  const mergedId = PERSON_PAGE.exec(request.url)?.[1];
  if (!ctx?.actor || !mergedId) return null;
  const keptId = await visibleKeptRecordOf(ctx, mergedId);
  return keptId && request.url.replace(PERSON_PAGE, `/people/${keptId}`);
}

/**
 * Links to a merged-away record keep working: every page GET under /people/:personId that finds no
 * person redirects (303) to the same page of the kept record. Only a "not found" is looked into, so
 * pages of records that were never merged cost nothing more. Registered on the root before the
 * modules' routes, so that it wraps theirs.
 */
export function redirectMergedRecords(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().includes('GET') || !route.url.startsWith('/people/:')) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function mergedAware(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      try {
        return await handler.call(this, request, reply);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        const target = await mergedPageRedirect(request);
        if (!target) throw error;
        return reply.redirect(target, 303);
      }
    } as RouteHandlerMethod;
  });
}
