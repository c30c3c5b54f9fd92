import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clearCsrfSecret, clearSessionCookie, setSessionCookie } from '../../http/cookies.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { audit } from '../audit/record.ts';
import { secondFactorRequired, secondFactorStatus } from './second-factor-requirement.ts';
import { changeOwnPassword } from './account.ts';
import { endSession } from './sessions.ts';
import { can } from './policy.ts';
import { changePasswordForm, returnToSchema, signInForm } from './schemas.ts';
import { ACCOUNT_FAILURE_LIMIT, ACCOUNT_LOCK_MINUTES, ADDRESS_WINDOW_MINUTES, signIn } from './sign-in.ts';

/** A wrong password, an unknown account and a locked one get one answer: it never tells which. */
const SIGN_IN_MESSAGES = {
  refused: { field: 'email', message: 'Enter a correct email address and password' },
  'address-throttled': {
    field: 'email',
    message: `Too many failed sign-in attempts from your network. Wait ${ADDRESS_WINDOW_MINUTES} minutes and try again`,
  },
} as const;

export function authRoutes(app: FastifyInstance, services: Services) {
  const secure = services.config.cookieSecure;
  const lockout = { attempts: ACCOUNT_FAILURE_LIMIT, minutes: ACCOUNT_LOCK_MINUTES };

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.ctx.actor) return reply.redirect('/');
    const returnTo = returnToSchema.parse((request.query as { returnTo?: unknown }).returnTo);
    return reply.view('auth/views/sign-in.njk', { pageTitle: 'Sign in', returnTo, form: formState({}), lockout });
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const returnTo = returnToSchema.parse(body.returnTo);
    const parsed = parseForm(signInForm, body);
    if (!parsed.ok) {
      return reply.code(400).view('auth/views/sign-in.njk', { pageTitle: 'Sign in', returnTo, form: parsed.form, lockout });
    }
    const result = await signIn({
      ctx: request.ctx,
      ...parsed.data,
      limits: services.config.session,
      secondFactorByDefault: services.config.environment === 'production',
    });
    if (result.outcome !== 'signed-in') {
      const form = formState({ email: parsed.data.email }, [SIGN_IN_MESSAGES[result.outcome]]);
      const status = result.outcome === 'address-throttled' ? 429 : 401;
      return reply.code(status).view('auth/views/sign-in.njk', { pageTitle: 'Sign in', returnTo, form, lockout });
    }
    setSessionCookie(reply, secure, result.sessionToken);
    clearCsrfSecret(reply, secure);
    return reply.redirect(result.secondFactorPending ? `/sign-in/second-factor?returnTo=${encodeURIComponent(returnTo)}` : returnTo);
  });

  app.post('/sign-out', { config: { access: 'account.use' } }, async (request, reply) => {
    if (request.session) {
      await endSession({ db: services.db, tokenHash: request.session.tokenHash, reason: 'signed-out' });
      await audit(request.ctx, { action: 'sign-out', recordType: 'user', recordId: request.ctx.actor?.userId });
    }
    clearSessionCookie(reply, secure);
    clearCsrfSecret(reply, secure);
    // Tells the browser to drop what it kept of the service: cached pages, cookies and any storage (ASVS 14.3.1).
    reply.header('clear-site-data', '"cache", "cookies", "storage"');
    return reply.redirect('/signed-out');
  });

  app.get('/signed-out', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('auth/views/signed-out.njk', { pageTitle: 'You have signed out' }),
  );

  /** The account page, with whether the user has a second factor (and whether they must). */
  const accountPage = async (request: FastifyRequest, form: FormState) => {
    const { actor, db } = request.ctx as SignedInCtx;
    const required = await secondFactorRequired({
      db,
      programmeId: actor.programmeId,
      role: actor.role,
      byDefault: services.config.environment === 'production',
    });
    return {
      pageTitle: 'Your account',
      form,
      secondFactor: { ...(await secondFactorStatus(db, actor.userId)), required },
      staffRecord: can(actor, 'livedExperience.own'),
    };
  };

  app.get('/account', { config: { access: 'account.use' } }, async (request, reply) =>
    reply.view('auth/views/account.njk', await accountPage(request, formState({}))),
  );

  app.post('/account/password', { config: { access: 'account.use' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: changePasswordForm,
      render: async (form, status) => reply.code(status).view('auth/views/account.njk', await accountPage(request, form)),
      work: async (data) => {
        await changeOwnPassword({
          ctx: request.ctx as SignedInCtx,
          currentPassword: data.currentPassword,
          newPassword: data.newPassword,
          keepSessionHash: request.session?.tokenHash ?? null,
        });
        return { redirectTo: '/account', success: 'Your password has been changed' };
      },
    }),
  );
}
