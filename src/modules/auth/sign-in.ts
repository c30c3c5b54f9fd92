import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession, type SessionLimits } from './sessions.ts';

/** Failed attempts that lock an account, and for how long. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
/** Failed attempts from one address, over all accounts, before it must wait. */
export const ADDRESS_FAILURE_LIMIT = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

export type SignInResult =
  | { outcome: 'signed-in'; sessionToken: string; userId: string }
  | { outcome: 'invalid' | 'locked' | 'address-throttled' };

/**
 * Checks an email and password and, when they are right, opens a session. Every attempt is
 * audited; failures count towards the account's lock and the address's throttle.
 */
export async function signIn(props: {
  ctx: Ctx;
  email: string;
  password: string;
  limits: SessionLimits;
}): Promise<SignInResult> {
  const { ctx } = props;
  if (await addressIsThrottled(ctx)) {
    await audit(ctx, { action: 'sign-in-failed', detail: { reason: 'address-throttled' } });
    return { outcome: 'address-throttled' };
  }
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'programme_id', 'display_name', 'password_hash', 'active', 'locked_until', 'failed_sign_ins'])
    .where(sql<string>`lower(email)`, '=', props.email.trim().toLowerCase())
    .executeTakeFirst();

  const passwordMatches = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), props.password);
  const as = user && { userId: user.id, programmeId: user.programme_id, label: user.display_name };

  if (user && user.locked_until && user.locked_until > new Date()) {
    await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: user.id, detail: { reason: 'locked' } }, as);
    return { outcome: 'locked' };
  }
  if (!user || !user.active || !passwordMatches) {
    const lockedNow = await recordFailure(ctx, user?.id ?? null);
    await audit(
      ctx,
      {
        action: 'sign-in-failed',
        recordType: user ? 'user' : undefined,
        recordId: user?.id,
        detail: { reason: !user ? 'unknown-account' : !user.active ? 'inactive' : 'wrong-password', locked: lockedNow },
      },
      as,
    );
    return { outcome: lockedNow ? 'locked' : 'invalid' };
  }

  await ctx.db
    .updateTable('app_user')
    .set({ failed_sign_ins: 0, locked_until: null, last_signed_in_at: sql`now()` })
    .where('id', '=', user.id)
    .execute();
  const sessionToken = await createSession({ db: ctx.db, userId: user.id, programmeId: user.programme_id, limits: props.limits });
  await audit(ctx, { action: 'sign-in', recordType: 'user', recordId: user.id }, as);
  return { outcome: 'signed-in', sessionToken, userId: user.id };
}

async function addressIsThrottled(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('sign_in_failure')
    .select((eb) => eb.fn.countAll<number>().as('failures'))
    .where('address', '=', ctx.address)
    .where('occurred_at', '>', sql<Date>`now() - make_interval(mins => ${ADDRESS_WINDOW_MINUTES})`)
    .executeTakeFirstOrThrow();
  return row.failures >= ADDRESS_FAILURE_LIMIT;
}

/** Counts a failure; returns true when this failure locked the account. */
async function recordFailure(ctx: Ctx, userId: string | null): Promise<boolean> {
  await ctx.db.deleteFrom('sign_in_failure').where('occurred_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await ctx.db.insertInto('sign_in_failure').values({ address: ctx.address, user_id: userId }).execute();
  if (!userId) return false;
  const updated = await ctx.db
    .updateTable('app_user')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow();
  if (updated.failed_sign_ins < ACCOUNT_FAILURE_LIMIT) return false;
  await ctx.db
    .updateTable('app_user')
    .set({ failed_sign_ins: 0, locked_until: sql`now() + make_interval(mins => ${ACCOUNT_LOCK_MINUTES})` })
    .where('id', '=', userId)
    .execute();
  return true;
}
