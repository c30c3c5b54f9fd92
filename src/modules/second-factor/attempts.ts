import type { Ctx } from '../../http/context.ts';
import type { Actor } from '../auth/roles.ts';
import { audit } from '../audit/record.ts';
import { accountAttemptFailed, accountAttemptSucceeded, reserveAccountAttempt } from '../auth/sign-in.ts';
import { checkTotp, useRecoveryCode } from './service.ts';

export type CodeKind = 'code' | 'recovery-code';
export type CodeCheck = 'right' | 'wrong' | 'locked';

/**
 * Checks a code from the authenticator app or a recovery code, counting a wrong one towards the
 * account's lock like a wrong password (the same allowance, reserved before the check the same way).
 * A locked account's codes are not looked at. Wrong and locked attempts are audited.
 */
export async function checkCode(ctx: Ctx, who: Actor, kind: CodeKind, code: string): Promise<CodeCheck> {
  const as = { userId: who.userId, programmeId: who.programmeId, label: who.displayName };
  if (await reserveAccountAttempt(ctx, who.userId)) {
    await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: who.userId, detail: { reason: 'locked', step: kind } }, as);
    return 'locked';
  }
  const right = kind === 'code' ? await checkTotp(ctx.db, who.userId, code) : await useRecoveryCode(ctx.db, who.userId, code);
  if (right && (await accountAttemptSucceeded(ctx, who.userId, { keepEarlier: true }))) return 'right';
  if (right) {
    await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: who.userId, detail: { reason: 'locked', step: kind } }, as);
    return 'locked';
  }
  const lockedNow = await accountAttemptFailed(ctx, who.userId);
  await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: who.userId, detail: { reason: `wrong-${kind}`, locked: lockedNow } }, as);
  return lockedNow ? 'locked' : 'wrong';
}
