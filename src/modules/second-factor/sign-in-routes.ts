import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clearCsrfSecret, clearSessionCookie, setSessionCookie } from '../../http/cookies.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { audit } from '../audit/record.ts';
import type { Actor } from '../auth/roles.ts';
import { completeSecondFactor, endSession, setFlash } from '../auth/sessions.ts';
import { accountSignedIn, ACCOUNT_FAILURE_LIMIT, ACCOUNT_LOCK_MINUTES } from '../auth/sign-in.ts';
import { hashSecret } from '../auth/tokens.ts';
import { checkCode, type CodeKind } from './attempts.ts';
import { hasSecondFactor, secondFactorStatus } from '../auth/second-factor-requirement.ts';
import { codeForm, recoveryCodeForm, returnToOf } from './schemas.ts';
import { checkTotp, confirmEnrolment, enrolment } from './service.ts';

/** A session that has had the right password and waits for the second factor; anything else is sent on. */
const pendingOf = (request: FastifyRequest): Actor | null => request.session?.pendingActor ?? null;

const WRONG = {
  code: { field: 'code', message: 'The code is not right. Enter the code your authenticator app shows now' },
  'recovery-code': { field: 'recoveryCode', message: 'The recovery code is not right, or has been used. Enter one you have not used' },
} as const;

const PAGES = {
  code: { view: 'second-factor/views/code.njk', title: 'Enter the code from your authenticator app', schema: codeForm },
  'recovery-code': { view: 'second-factor/views/recovery-code.njk', title: 'Use a recovery code', schema: recoveryCodeForm },
} as const;

/**
 * The sign-in pages between a right password and a complete session: give a code, or a recovery
 * code, or set up the second factor when the programme requires one and the user has none. They are
 * open to anyone (a waiting session counts as signed out everywhere else) and each looks for a waiting
 * session itself: without one they send the visitor to sign in (or home, when already signed in).
 */
export function secondFactorSignInRoutes(app: FastifyInstance, services: Services) {
  const secure = services.config.cookieSecure;
  const lockout = { attempts: ACCOUNT_FAILURE_LIMIT, minutes: ACCOUNT_LOCK_MINUTES };

  /** Without a waiting session: home when signed in, else the sign-in page. */
  const elsewhere = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(request.ctx.actor ? '/' : '/sign-in');

  const render = (reply: FastifyReply, kind: CodeKind, props: { form: FormState; returnTo: string; status: number }) =>
    reply.code(props.status).view(PAGES[kind].view, { pageTitle: PAGES[kind].title, form: props.form, returnTo: props.returnTo, lockout });

  /** The second factor is given: a new session replaces the waiting one, and a new CSRF secret starts. */
  async function finish(request: FastifyRequest, reply: FastifyReply, who: Actor, how: CodeKind | 'set-up') {
    await accountSignedIn(request.ctx, who.userId);
    const token = await completeSecondFactor({
      db: request.ctx.db,
      tokenHash: request.session?.tokenHash ?? '',
      userId: who.userId,
      programmeId: who.programmeId,
      limits: services.config.session,
    });
    await audit(
      request.ctx,
      { action: 'sign-in', recordType: 'user', recordId: who.userId, detail: { secondFactor: how } },
      { userId: who.userId, programmeId: who.programmeId, label: who.displayName },
    );
    setSessionCookie(reply, secure, token);
    clearCsrfSecret(reply, secure);
    return hashSecret(token);
  }

  for (const kind of ['code', 'recovery-code'] as const) {
    const path = kind === 'code' ? '/sign-in/second-factor' : '/sign-in/recovery-code';

    app.get(path, { config: { access: 'public' } }, async (request, reply) => {
      const who = pendingOf(request);
      if (!who) return elsewhere(request, reply);
      const returnTo = returnToOf(request.query);
      if (!(await hasSecondFactor(request.ctx.db, who.userId))) return reply.redirect(`/sign-in/second-factor/set-up?returnTo=${encodeURIComponent(returnTo)}`);
      return render(reply, kind, { form: formState({}), returnTo, status: 200 });
    });

    app.post(path, { config: { access: 'public' } }, async (request, reply) => {
      const who = pendingOf(request);
      if (!who) return elsewhere(request, reply);
      const returnTo = returnToOf(request.body);
      const parsed = parseForm(PAGES[kind].schema, request.body);
      if (!parsed.ok) return render(reply, kind, { form: parsed.form, returnTo, status: 400 });
      const code = 'code' in parsed.data ? parsed.data.code : parsed.data.recoveryCode;
      const result = await checkCode(request.ctx, who, kind, code);
      if (result === 'locked') {
        // The same allowance as passwords is used up: the waiting session ends, and signing in is refused for a while.
        await endSession({ db: request.ctx.db, tokenHash: request.session?.tokenHash ?? '', reason: 'locked' });
        clearSessionCookie(reply, secure);
        return reply.redirect('/sign-in');
      }
      if (result === 'wrong') return render(reply, kind, { form: formState({}, [WRONG[kind]]), returnTo, status: 401 });
      const tokenHash = await finish(request, reply, who, kind);
      if (kind === 'recovery-code') {
        const { recoveryCodesLeft } = await secondFactorStatus(request.ctx.db, who.userId);
        await setFlash({
          db: request.ctx.db,
          tokenHash,
          flash: { success: `You signed in with a recovery code. You have ${recoveryCodesLeft} left: make new ones from your account page` },
        });
      }
      return reply.redirect(returnTo);
    });
  }

  app.get('/sign-in/second-factor/set-up', { config: { access: 'public' } }, async (request, reply) => {
    const who = pendingOf(request);
    if (!who) return elsewhere(request, reply);
    const returnTo = returnToOf(request.query);
    const picture = await enrolment(request.ctx.db, { userId: who.userId, accountName: who.displayName });
    if (!picture) return reply.redirect(`/sign-in/second-factor?returnTo=${encodeURIComponent(returnTo)}`);
    return reply.view('second-factor/views/set-up.njk', {
      pageTitle: 'Set up your second factor',
      picture,
      action: '/sign-in/second-factor/set-up',
      returnTo,
      required: true,
      form: formState({}),
    });
  });

  app.post('/sign-in/second-factor/set-up', { config: { access: 'public' } }, async (request, reply) => {
    const who = pendingOf(request);
    if (!who) return elsewhere(request, reply);
    const returnTo = returnToOf(request.body);
    const picture = await enrolment(request.ctx.db, { userId: who.userId, accountName: who.displayName });
    if (!picture) return reply.redirect(`/sign-in/second-factor?returnTo=${encodeURIComponent(returnTo)}`);
    const parsed = parseForm(codeForm, request.body);
    const right = parsed.ok && (await checkTotp(request.ctx.db, who.userId, parsed.data.code, true));
    if (!right) {
      const form = parsed.ok ? formState({}, [WRONG.code]) : parsed.form;
      return reply.code(400).view('second-factor/views/set-up.njk', {
        pageTitle: 'Set up your second factor',
        picture,
        action: '/sign-in/second-factor/set-up',
        returnTo,
        required: true,
        form,
      });
    }
    const codes = await confirmEnrolment(request.ctx.db, who.userId);
    await audit(
      request.ctx,
      { action: 'update', recordType: 'user', recordId: who.userId, detail: { secondFactor: 'set-up' } },
      { userId: who.userId, programmeId: who.programmeId, label: who.displayName },
    );
    await finish(request, reply, who, 'set-up');
    return reply.view('second-factor/views/recovery-codes.njk', { pageTitle: 'Your recovery codes', codes, continueTo: returnTo });
  });

  app.post('/sign-in/second-factor/cancel', { config: { access: 'public' } }, async (request, reply) => {
    if (pendingOf(request) && request.session) await endSession({ db: request.ctx.db, tokenHash: request.session.tokenHash, reason: 'signed-out' });
    if (pendingOf(request)) clearSessionCookie(reply, secure);
    clearCsrfSecret(reply, secure);
    return reply.redirect('/sign-in');
  });
}
