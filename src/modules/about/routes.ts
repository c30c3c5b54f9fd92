import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { serviceCookies } from './cookies.ts';

/** The date the statement and notices were last reviewed, as the pages say it. */
export const ABOUT_REVIEWED_ON = '2026-11-30';

/**
 * The footer pages every visitor can read, signed in or not: the accessibility statement, the
 * privacy notice and the cookies page (which lists the cookies the service really sets).
 */
export function aboutRoutes(app: FastifyInstance, services: Services) {
  const reviewedOn = ABOUT_REVIEWED_ON;
  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('about/views/accessibility.njk', { pageTitle: 'Accessibility statement', reviewedOn }),
  );
  app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('about/views/privacy.njk', { pageTitle: 'Privacy notice', reviewedOn }),
  );
  app.get('/cookies', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('about/views/cookies.njk', { pageTitle: 'Cookies', reviewedOn, cookies: serviceCookies(services.config) }),
  );
}
