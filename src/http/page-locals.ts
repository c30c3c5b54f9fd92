import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../modules/auth/sessions.ts';
import { headerNotifications } from '../modules/notifications/inbox.ts';
import type { Services } from '../services.ts';
import { isApiUrl } from './access.ts';
import { navigationFor, reportTabsFor } from './views.ts';

declare module 'fastify' {
  interface FastifyReply {
    locals?: Record<string, unknown>;
  }
}

/** What every page template can use: who is signed in, the navigation, the CSRF token and CSP nonce. */
export function baseLocals(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.ctx?.actor ?? null;
  let csrfToken: string | undefined;
  const path = request.url.split('?')[0] ?? '/';
  return {
    actor,
    navigation: navigationFor(actor, path),
    reportTabs: reportTabsFor(actor, path),
    /** One token a page: a fresh browser has no secret yet, and each new token would replace it. */
    csrfToken: () => (csrfToken ??= reply.generateCsrf()),
    cspNonce: reply.cspNonce?.script,
  };
}

export function registerPageLocals(app: FastifyInstance, services: Services) {
  app.addHook('preHandler', async (request, reply) => {
    if (isApiUrl(request.url) || request.url.startsWith('/assets/')) return;
    const session = request.session;
    let flash: unknown = null;
    if (session?.flash && request.method === 'GET') {
      flash = session.flash;
      await setFlash({ db: services.db, tokenHash: session.tokenHash, flash: null });
    }
    // The header's unread count (and the account page's e-mail choice): one indexed query a signed-in page view.
    const actor = request.ctx?.actor;
    const notifications = actor && request.method === 'GET' ? { ...(await headerNotifications(services.db, actor)), mailOn: services.config.notifications.mail !== null } : null;
    reply.locals = { ...baseLocals(request, reply), flash, notifications };
  });
}
