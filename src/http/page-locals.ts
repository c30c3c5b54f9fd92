import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../modules/auth/sessions.ts';
import type { Services } from '../services.ts';
import { isApiUrl } from './access.ts';
import { navigationFor, reportTabsFor } from './views.ts';

declare module 'fastify' {
  interface FastifyReply {
    locals?: Record<string, unknown>;
  }
}

/** What every page template can use: who is signed in, the navigation, the CSRF token and CSP nonce. */
function baseLocals(request: FastifyRequest, reply: FastifyReply) {
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

/** The signed-in user's unread count (for the header) and e-mail choice, read with their session; null for a visitor. */
const notificationsOf = (request: FastifyRequest) => (request.ctx?.actor ? (request.session?.notifications ?? null) : null);

/**
 * Every page's locals, read once a request before its handler, whatever its method: a form sent
 * with a POST and shown again with its errors is a page too, with the header's unread count.
 */
export function registerPageLocals(app: FastifyInstance, services: Services) {
  const mailOn = services.config.notifications.mail !== null;
  app.addHook('preHandler', async (request, reply) => {
    if (isApiUrl(request.url) || request.url.startsWith('/assets/')) return;
    const session = request.session;
    let flash: unknown = null;
    if (session?.flash && request.method === 'GET') {
      flash = session.flash;
      await setFlash({ db: services.db, tokenHash: session.tokenHash, flash: null });
    }
    // The header's unread count (and the account page's e-mail choice).
    const unread = notificationsOf(request);
    reply.locals = { ...baseLocals(request, reply), flash, notifications: unread && { ...unread, mailOn } };
  });
}

/**
 * The error page's locals: the page's own when its handler had begun, else (refused at the door, a
 * bad form token or address) made now, with the header's count from the session.
 */
export function errorPageLocals(request: FastifyRequest, reply: FastifyReply) {
  const read = reply.locals !== undefined && reply.locals !== null && 'notifications' in reply.locals;
  return { ...baseLocals(request, reply), notifications: read ? reply.locals?.notifications : notificationsOf(request) };
}
