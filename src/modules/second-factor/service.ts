import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import { endUserSessions } from '../auth/sessions.ts';
import { enrolmentPicture, hashRecoveryCode, matchingStep, newRecoveryCodes, newTotpSecret, normaliseCode } from './totp.ts';

/**
 * A user's second factor: the authenticator secret and the recovery codes.
 *
 * The secret is kept as it is in the database (second_factor.secret), because checking a code needs
 * it. What protects it: only the service's database role can read the table; it is never shown
 * again after set-up, never logged, never in the programme export (its catalogue leaves the table out as
 * credentials) nor in subject access; backups must be guarded like the database. Recovery codes are
 * kept only as hashes.
 */

/**
 * The secret being set up, with its QR code: the one already started (so reloading the page does not
 * change what was scanned), or a new one. Null when the user already has a second factor.
 */
export async function enrolment(db: Kysely<Database>, user: { userId: string; accountName: string }) {
  const existing = await db.selectFrom('second_factor').select(['secret', 'confirmed_at']).where('user_id', '=', user.userId).executeTakeFirst();
  if (existing?.confirmed_at) return null;
  let secret = existing?.secret;
  if (!secret) {
    secret = newTotpSecret();
    await db
      .insertInto('second_factor')
      .values({ user_id: user.userId, secret, confirmed_at: null, last_used_step: null })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    secret = (await db.selectFrom('second_factor').select('secret').where('user_id', '=', user.userId).executeTakeFirstOrThrow()).secret;
  }
  return enrolmentPicture(secret, user.accountName);
}

/**
 * Checks a code from the authenticator app: right now (±1 step) and not from a step already used.
 * `enrolling` checks the secret being set up; otherwise the confirmed one. Taking the step is one
 * statement, so two requests with the same code cannot both pass.
 */
export async function checkTotp(db: Kysely<Database>, userId: string, code: string, enrolling = false): Promise<boolean> {
  const factor = await db.selectFrom('second_factor').select(['secret', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
  if (!factor || Boolean(factor.confirmed_at) === enrolling) return false;
  const step = matchingStep(factor.secret, normaliseCode(code));
  if (step === null) return false;
  const taken = await db
    .updateTable('second_factor')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Uses up one recovery code; false when it is not one of the user's unused codes. */
export async function useRecoveryCode(db: Kysely<Database>, userId: string, code: string): Promise<boolean> {
  const used = await db
    .updateTable('recovery_code')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Replaces the user's recovery codes with ten new ones, returned once to be shown once. */
export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string): Promise<string[]> {
  const { codes, hashes } = newRecoveryCodes();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute();
  return codes;
}

/** The first code from the app is right: the second factor is set up, with its recovery codes. */
export async function confirmEnrolment(db: Kysely<Database>, userId: string): Promise<string[]> {
  await db
    .updateTable('second_factor')
    .set({ confirmed_at: sql`now()` })
    .where('user_id', '=', userId)
    .execute();
  return replaceRecoveryCodes(db, userId);
}

/**
 * An administrator removes a user's second factor (a lost phone): the secret and recovery codes go,
 * every session of theirs ends, and they set up a new one at their next sign-in if they must.
 */
export async function resetSecondFactor(ctx: SignedInCtx, userId: string): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    await tx.db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    const removed = await tx.db.deleteFrom('second_factor').where('user_id', '=', userId).executeTakeFirst();
    const ended = await endUserSessions({ db: tx.db, userId, reason: 'second-factor-reset' });
    await audit(tx, {
      action: 'update',
      recordType: 'user',
      recordId: userId,
      detail: { secondFactorReset: true, hadOne: Number(removed.numDeletedRows) > 0, sessionsEnded: ended },
    });
    return ended;
  });
}
