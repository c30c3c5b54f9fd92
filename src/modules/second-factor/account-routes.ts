import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { formState, parseForm } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { endUserSessions } from '../auth/sessions.ts';
import { checkCode } from './attempts.ts';
import { codeForm } from './schemas.ts';
import { checkTotp, confirmEnrolment, enrolment, replaceRecoveryCodes } from './service.ts';
import { secondFactorStatus } from '../auth/second-factor-requirement.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const WRONG_CODE = { field: 'code', message: 'The code is not right. Enter the code your authenticator app shows now' };
/** A new factor or new recovery codes end the user's other sessions (one opened by someone else ends with them); this one stays. */
const endOtherSessions = (request: FastifyRequest, reason: string) =>
  endUserSessions({ db: ctxOf(request).db, userId: ctxOf(request).actor.userId, reason, keepTokenHash: request.session?.tokenHash ?? null });

const SET_UP = { pageTitle: 'Set up your second factor', action: '/account/second-factor', returnTo: '/account', required: false };

/**
 * A signed-in user's own second factor, from their account page: set it up (anyone may, whether or
 * not their programme requires it), and make new recovery codes (after giving a current code, which
 * counts towards the account's lock when wrong). Recovery codes are shown once, on the answer to the form.
 */
export function secondFactorAccountRoutes(app: FastifyInstance) {
  app.get('/account/second-factor', { config: { access: 'account.use' } }, async (request, reply) => {
    const { actor, db } = ctxOf(request);
    const picture = await enrolment(db, { userId: actor.userId, accountName: actor.displayName });
    if (!picture) return reply.redirect('/account');
    return reply.view('second-factor/views/set-up.njk', { ...SET_UP, picture, form: formState({}) });
  });

  app.post('/account/second-factor', { config: { access: 'account.use' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const picture = await enrolment(ctx.db, { userId: ctx.actor.userId, accountName: ctx.actor.displayName });
    if (!picture) return reply.redirect('/account');
    const parsed = parseForm(codeForm, request.body);
    const right = parsed.ok && (await checkTotp(ctx.db, ctx.actor.userId, parsed.data.code, true));
    if (!right)
      return reply.code(400).view('second-factor/views/set-up.njk', { ...SET_UP, picture, form: parsed.ok ? formState({}, [WRONG_CODE]) : parsed.form });
    const codes = await confirmEnrolment(ctx.db, ctx.actor.userId);
    const sessionsEnded = await endOtherSessions(request, 'second-factor-set-up');
    await audit(ctx, { action: 'update', recordType: 'user', recordId: ctx.actor.userId, detail: { secondFactor: 'set-up', sessionsEnded } });
    return reply.view('second-factor/views/recovery-codes.njk', { pageTitle: 'Your recovery codes', codes, continueTo: '/account' });
  });

  app.get('/account/second-factor/recovery-codes', { config: { access: 'account.use' } }, async (request, reply) => {
    const { actor, db } = ctxOf(request);
    const status = await secondFactorStatus(db, actor.userId);
    if (!status.enrolled) return reply.redirect('/account');
    return reply.view('second-factor/views/new-recovery-codes.njk', { pageTitle: 'Make new recovery codes', status, form: formState({}) });
  });

  app.post('/account/second-factor/recovery-codes', { config: { access: 'account.use' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const status = await secondFactorStatus(ctx.db, ctx.actor.userId);
    if (!status.enrolled) return reply.redirect('/account');
    const parsed = parseForm(codeForm, request.body);
    if (!parsed.ok)
      return reply.code(400).view('second-factor/views/new-recovery-codes.njk', { pageTitle: 'Make new recovery codes', status, form: parsed.form });
    if ((await checkCode(ctx, ctx.actor, 'code', parsed.data.code)) !== 'right') {
      return reply
        .code(401)
        .view('second-factor/views/new-recovery-codes.njk', { pageTitle: 'Make new recovery codes', status, form: formState({}, [WRONG_CODE]) });
    }
    const codes = await replaceRecoveryCodes(ctx.db, ctx.actor.userId);
    const sessionsEnded = await endOtherSessions(request, 'recovery-codes-renewed');
    await audit(ctx, { action: 'update', recordType: 'user', recordId: ctx.actor.userId, detail: { recoveryCodes: 'renewed', sessionsEnded } });
    return reply.view('second-factor/views/recovery-codes.njk', { pageTitle: 'Your new recovery codes', codes, continueTo: '/account' });
  });
}
