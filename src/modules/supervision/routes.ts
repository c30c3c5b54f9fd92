import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import type { Services } from '../../services.ts';
import { supervisionApiRoutes } from './api-routes.ts';
import { auditedDueList, byTeam, DUE_PATH, dueDownload } from './due-page.ts';
import { supervisionFormRoutes } from './form-routes.ts';
import { sessionParams, staffParams, WELLBEING } from './schemas.ts';
import { sessionPage, workerSupervision } from './worker.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** Supervision's pages: a worker's sessions, one session, whose supervision is due; the forms and the API. */
export function supervisionRoutes(app: FastifyInstance, _services: Services) {
  app.get('/staff/:userId/supervision', { config: { access: 'supervision.read' }, schema: { params: staffParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const page = await workerSupervision(ctx, staffParams.parse(request.params).userId);
    const own = page.staff.id === ctx.actor.userId;
    return reply.view('supervision/views/worker.njk', {
      pageTitle: own ? 'Your supervision' : `Supervision: ${page.staff.name}`,
      own,
      wellbeingText: WELLBEING,
      ...page,
    });
  });

  app.get('/staff/:userId/supervision/:sessionId', { config: { access: 'supervision.read' }, schema: { params: sessionParams } }, async (request, reply) => {
    const page = await sessionPage(ctxOf(request), sessionParams.parse(request.params));
    return reply.view('supervision/views/session.njk', { pageTitle: 'Supervision session', wellbeingText: WELLBEING, ...page });
  });

  app.get(DUE_PATH, { config: { access: 'supervision.due' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { rows, intervalWeeks } = await auditedDueList(ctx, { action: 'list', view: 'due' });
    return reply.view('supervision/views/due.njk', {
      pageTitle: 'Supervision due',
      teams: byTeam(rows),
      total: rows.length,
      intervalWeeks,
      downloads: downloadLinks({ path: DUE_PATH }),
    });
  });
  downloadRoutes(app, { path: DUE_PATH, access: 'supervision.due', build: (request) => dueDownload(ctxOf(request)) });

  supervisionFormRoutes(app);
  supervisionApiRoutes(app);
}
