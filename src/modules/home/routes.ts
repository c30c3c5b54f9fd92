import type { FastifyInstance } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { HOME_INTRODUCTIONS } from './roles-home.ts';

export function homeRoutes(app: FastifyInstance, services: Services) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const actor = (request.ctx as SignedInCtx).actor;
    const programme = await services.db
      .selectFrom('programme')
      .select(['name'])
      .where('id', '=', actor.programmeId)
      .executeTakeFirstOrThrow();
    return reply.view('home/views/home.njk', {
      pageTitle: 'Home',
      programme,
      introduction: HOME_INTRODUCTIONS[actor.role],
    });
  });
}
