import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import { secondFactorNeeded } from './second-factor-requirement.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession, type SessionLimits } from './sessions.ts';

/** Failed attempts that lock an account, and for how long. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
/** Failed attempts from one address, over all accounts, before it must wait. */
export const ADDRESS_FAILURE_LIMIT = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

/**
 * 'refused' is one answer for a wrong password, an unknown or inactive account and a locked one,
 * so that the answer never tells whether an account exists or is locked.
 */
export type SignInResult =
  { outcome: 'signed-in'; sessionToken: string; userId: string; secondFactorPending: boolean } | { outcome: 'refused' | 'address-throttled' };

/**
 * Checks an email and password and, when they are right, opens a session: complete, or waiting for
 * the second factor when the user has one or must have one. Every attempt is audited.
 *
 * Each attempt is reserved before the slow password hash, in statements that count as they write
 * (a failure row for the address, the account's failure count), so that attempts arriving together
 * cannot all pass the check: the k-th reservation sees at least k. A success gives its reservation back.
 */
export async function signIn(props: {
  ctx: Ctx;
  email: string;
  password: string;
  limits: SessionLimits;
  /** Whether a programme that has not chosen requires the second factor (on in production). */
  secondFactorByDefault: boolean;
}): Promise<SignInResult> {
  const { ctx } = props;
  const addressReservation = await reserveAddressAttempt(ctx);
  if (addressReservation === null) {
    await audit(ctx, { action: 'sign-in-failed', detail: { reason: 'address-throttled' } });
    return { outcome: 'address-throttled' };
  }
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'programme_id', 'role', 'display_name', 'password_hash', 'active'])
    .where(sql<string>`lower(email)`, '=', props.email.trim().toLowerCase())
    .executeTakeFirst();
  const as = user && { userId: user.id, programmeId: user.programme_id, label: user.display_name };
  const locked = user ? await reserveAccountAttempt(ctx, user.id) : false;
  if (user) await ctx.db.updateTable('sign_in_failure').set({ user_id: user.id }).where('id', '=', addressReservation).execute();

  // A locked account is refused without looking at its password, after the same work as any other.
  const checkedHash = user && !locked ? user.password_hash : await decoyPasswordHash();
  const passwordMatches = (await verifyPassword(checkedHash, props.password)) && Boolean(user) && !locked;

  if (user && locked) {
    await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: user.id, detail: { reason: 'locked' } }, as);
    return { outcome: 'refused' };
  }
  if (!user || !user.active || !passwordMatches) {
    const lockedNow = user ? await accountAttemptFailed(ctx, user.id) : false;
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
    return { outcome: 'refused' };
  }

  const pending = await secondFactorNeeded({ db: ctx.db, user, byDefault: props.secondFactorByDefault });
  if (!(await accountAttemptSucceeded(ctx, user.id, { keepEarlier: pending }))) {
    await audit(ctx, { action: 'sign-in-failed', recordType: 'user', recordId: user.id, detail: { reason: 'locked' } }, as);
    return { outcome: 'refused' };
  }
  await ctx.db.deleteFrom('sign_in_failure').where('id', '=', addressReservation).execute();
  const sessionToken = await createSession({
    db: ctx.db,
    userId: user.id,
    programmeId: user.programme_id,
    limits: props.limits,
    secondFactorPending: pending,
  });
  await audit(ctx, { action: 'sign-in', recordType: 'user', recordId: user.id, detail: pending ? { secondFactor: 'needed' } : undefined }, as);
  return { outcome: 'signed-in', sessionToken, userId: user.id, secondFactorPending: pending };
}

/**
 * Records the attempt as a failure first (it stays one unless the password is right), then counts
 * the address's failures, its own included. Returns the row's id, or null (and no row) when the
 * address is over its limit.
 */
async function reserveAddressAttempt(ctx: Ctx): Promise<number | null> {
  await ctx.db
    .deleteFrom('sign_in_failure')
    .where('occurred_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  const { id } = await ctx.db.insertInto('sign_in_failure').values({ address: ctx.address, user_id: null }).returning('id').executeTakeFirstOrThrow();
  const row = await ctx.db
    .selectFrom('sign_in_failure')
    .select((eb) => eb.fn.countAll<number>().as('failures'))
    .where('address', '=', ctx.address)
    .where('occurred_at', '>', sql<Date>`now() - make_interval(mins => ${ADDRESS_WINDOW_MINUTES})`)
    .executeTakeFirstOrThrow();
  if (Number(row.failures) <= ADDRESS_FAILURE_LIMIT) return id;
  await ctx.db.deleteFrom('sign_in_failure').where('id', '=', id).execute();
  return null;
}

/**
 * Counts an attempt against the account in one statement (the row's lock orders attempts that
 * arrive together), and says whether it is locked: by an earlier lock still running, or because
 * the attempts already in hand use up the allowance. A lock that has run out starts the count again.
 */
export async function reserveAccountAttempt(ctx: Ctx, userId: string): Promise<boolean> {
  const row = await ctx.db
    .updateTable('app_user')
    .set({
      failed_sign_ins: sql<number>`case when locked_until <= now() then 1 else failed_sign_ins + 1 end`,
      locked_until: sql<Date | null>`case when locked_until <= now() then null else locked_until end`,
    })
    .where('id', '=', userId)
    .returning(['failed_sign_ins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return row.locked_until !== null || row.failed_sign_ins > ACCOUNT_FAILURE_LIMIT;
}

/** A reserved attempt failed: locks the account when the allowance is used up. Returns true when it locked. */
export async function accountAttemptFailed(ctx: Ctx, userId: string): Promise<boolean> {
  const locked = await ctx.db
    .updateTable('app_user')
    .set({ failed_sign_ins: 0, locked_until: sql`now() + make_interval(mins => ${ACCOUNT_LOCK_MINUTES})` })
    .where('id', '=', userId)
    .where('failed_sign_ins', '>=', ACCOUNT_FAILURE_LIMIT)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) > 0;
}

/**
 * A reserved attempt was right. It counts only if, now, the account is not locked and the attempts in
 * hand are within the allowance: a right password sent in a burst of wrong ones is refused like them.
 * `keepEarlier` (the second factor is still to come): only this attempt is given back, earlier failures
 * still count; otherwise signing in is complete and the failures are forgotten. False when refused.
 */
export async function accountAttemptSucceeded(ctx: Ctx, userId: string, options: { keepEarlier: boolean }): Promise<boolean> {
  const result = await ctx.db
    .updateTable('app_user')
    .set(
      options.keepEarlier
        ? { failed_sign_ins: sql<number>`greatest(failed_sign_ins - 1, 0)` }
        : { failed_sign_ins: 0, locked_until: null, last_signed_in_at: sql`now()` },
    )
    .where('id', '=', userId)
    .where('locked_until', 'is', null)
    .where('failed_sign_ins', '<=', ACCOUNT_FAILURE_LIMIT)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Signing in is complete (after the second factor): the account's failures are forgotten. */
export async function accountSignedIn(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db
    .updateTable('app_user')
    .set({ failed_sign_ins: 0, locked_until: null, last_signed_in_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}
