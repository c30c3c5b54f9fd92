import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action } from '../modules/auth/policy.ts';
import { findApiTokenActor, tokenScopeRefusal } from '../modules/auth/api-tokens.ts';
import { findActiveSession, type ActiveSession, type SessionLimits } from '../modules/auth/sessions.ts';
import { audit } from '../modules/audit/record.ts';
import type { Services } from '../services.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { SESSION_COOKIE } from './cookies.ts';

/** What a route needs: a policy action, or 'public' for the few pages anyone may see. */
export type Access = Action | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: ActiveSession | null;
  }
}

/** Routes that plugins register (static files, the API explorer): public, and carry no data. */
export const PLUGIN_ROUTE_PREFIXES = ['/assets/', '/api/docs'];

export const isApiUrl = (url: string) => url.startsWith('/api/');

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

/**
 * Makes every route declare its access (a route without one stops the app starting), finds who is
 * asking (session cookie for pages, bearer token for the API), and refuses what the policy refuses,
 * auditing the refusal. Returns the table of routes, which the authorization test walks.
 */
export function enforceAccess(app: FastifyInstance, services: Services): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const fromPlugin = PLUGIN_ROUTE_PREFIXES.some((prefix) => route.url.startsWith(prefix));
    const access = route.config?.access ?? (fromPlugin ? 'public' : undefined);
    if (access === undefined) {
      throw new Error(`Route ${methods.join(',')} ${route.url} does not declare its access (config.access)`);
    }
    route.config = { ...route.config, access };
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    request.ctx = { actor: null, requestId: request.id, address: request.ip, db: services.db, log: request.log };
    if (request.url.startsWith('/assets/')) return;
    await identify(request, services.config.session);
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    if (!request.ctx.actor) throw new UnauthenticatedError();
    if (!can(request.ctx.actor, access)) {
      await audit(request.ctx, { action: 'access-denied', detail: { need: access, route: request.routeOptions.url } });
      throw new ForbiddenError();
    }
    const scopeRefusal = tokenScopeRefusal(request.ctx.actor, request.method);
    if (scopeRefusal) {
      await audit(request.ctx, { action: 'access-denied', detail: { need: 'read-write token', route: request.routeOptions.url } });
      throw new ForbiddenError(scopeRefusal);
    }
  });

  async function identify(request: FastifyRequest, limits: SessionLimits) {
    if (isApiUrl(request.url)) {
      const header = request.headers.authorization;
      const token = header?.match(/^Bearer (\S+)$/)?.[1];
      if (token) request.ctx.actor = await findApiTokenActor({ db: services.db, token });
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE(services.config.cookieSecure)];
    if (!cookie) return;
    request.session = await findActiveSession({ db: services.db, token: cookie, limits });
    request.ctx.actor = request.session?.actor ?? null;
  }

  return routes;
}

/** A handler's second question, with the record in hand: refuse (and audit) unless allowed. */
export async function authorize(ctx: Ctx, action: Action, resource?: Parameters<typeof can>[2]): Promise<void> {
  if (can(ctx.actor, action, resource)) return;
  await audit(ctx, { action: 'access-denied', recordType: resource?.kind, recordId: resource?.id, detail: { need: action } });
  throw new ForbiddenError();
}

/** Where an anonymous visitor to a page is sent: the sign-in page, remembering where they were going. */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/sign-in${returnTo}`);
}
