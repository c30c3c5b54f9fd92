import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { isApiUrl } from './access.ts';
import { CSRF_COOKIE, cookieOptions } from './cookies.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookies, CSRF tokens on every page form, security headers with a nonce-based
 * Content-Security-Policy (no inline script without the nonce, no inline style), and
 * no caching of anything but static assets.
 */
export async function registerSecurity(app: FastifyInstance, config: Config) {
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure && config.environment === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.environment === 'production',
  });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE(config.cookieSecure),
    cookieOpts: { ...cookieOptions(config.cookieSecure), sameSite: 'strict' },
    // An upload (multipart) form is read by its route, after this check: its token is in the action's query string.
    getToken: (request: FastifyRequest) =>
      (request.body as { _csrf?: string } | undefined)?._csrf ?? (request.isMultipart() ? (request.query as { _csrf?: string })._csrf : undefined),
  });

  app.addHook('preValidation', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || isApiUrl(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/assets/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}
