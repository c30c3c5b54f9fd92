import type { FastifyReply } from 'fastify';

/**
 * Cookie names and attributes. With Secure on (the default, and always in production) the names
 * carry the __Host- prefix, so the browser refuses them unless Secure, host-only and on path /.
 * Browsers treat http://localhost as secure, so this works in development too; COOKIE_SECURE=false
 * exists only for plain-http hosts other than localhost.
 */
export const SESSION_COOKIE = (secure: boolean) => (secure ? '__Host-throughcare-session' : 'throughcare-session');
export const CSRF_COOKIE = (secure: boolean) => (secure ? '__Host-throughcare-csrf' : 'throughcare-csrf');

export const cookieOptions = (secure: boolean) => ({
  path: '/',
  httpOnly: true,
  secure,
  sameSite: 'lax' as const,
});

export function setSessionCookie(reply: FastifyReply, secure: boolean, token: string) {
  reply.setCookie(SESSION_COOKIE(secure), token, cookieOptions(secure));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE(secure), cookieOptions(secure));
}

/** Drops the CSRF secret, so that the next page starts a new one (at sign-in and sign-out). */
export function clearCsrfSecret(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(CSRF_COOKIE(secure), { ...cookieOptions(secure), sameSite: 'strict' });
}
