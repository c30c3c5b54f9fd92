import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { audit } from '../modules/audit/record.ts';
import { isApiUrl } from './access.ts';
import { CSRF_COOKIE, cookieOptions } from './cookies.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What a CSRF token is bound to: the session (its token's hash, which only the server and the
 * session's own cookie can produce), or the signed-out visitor. A token from one session is refused
 * in another, and the tokens of the sign-in page are no use once signed in.
 */
export const csrfUserInfo = (request: FastifyRequest): string => request.session?.tokenHash ?? 'signed-out';

/**
 * The key the CSRF tokens' hashes are made with. The tokens' secret is the random per-browser secret in
 * the HttpOnly CSRF cookie (renewed at sign-in), not this key: it is fixed so that every instance and
 * restart of the service accepts the forms the others served.
 */
const CSRF_HMAC_KEY = 'throughcare-csrf-token-hmac';

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
        // No page sets a <base>: 'none' stops injected markup from redirecting every relative URL.
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure && config.environment === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.environment === 'production',
  });
  await app.register(fastifyCsrf, {
    csrfOpts: { hmacKey: CSRF_HMAC_KEY },
    getUserInfo: csrfUserInfo,
    cookieKey: CSRF_COOKIE(config.cookieSecure),
    cookieOpts: { ...cookieOptions(config.cookieSecure), sameSite: 'strict' },
    // An upload (multipart) form is read by its route, after this check: its token is in the action's query string.
    getToken: (request: FastifyRequest) =>
      (request.body as { _csrf?: string } | undefined)?._csrf ?? (request.isMultipart() ? (request.query as { _csrf?: string })._csrf : undefined),
  });

  // Every token a page makes is bound to the session asking for it (pages call reply.generateCsrf()).
  app.addHook('onRequest', async (request, reply) => {
    const generate = reply.generateCsrf.bind(reply);
    reply.generateCsrf = ((options?: Parameters<FastifyReply['generateCsrf']>[0]) =>
      generate({ ...options, userInfo: csrfUserInfo(request) })) as FastifyReply['generateCsrf'];
  });

  // A refused token is audited as a refused request (ASVS 16.3.3): the route only, no form values.
  app.addHook('preValidation', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || isApiUrl(request.url)) return done();
    // The plugin answers a refusal with reply.send(error): that one call is audited first, then sent.
    const refusal = (error: Error) => {
      const send = () => reply.send(error);
      audit(request.ctx, { action: 'access-denied', detail: { reason: 'csrf', route: request.routeOptions.url } }).then(send, send);
      return reply;
    };
    app.csrfProtection(request, Object.create(reply, { send: { value: refusal } }) as FastifyReply, done);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/assets/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}
