import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { unreadOfUser, type HeaderNotifications } from '../notifications/unread.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { ACTOR_COLUMNS, actorFromRow, type Actor } from './roles.ts';

/**
 * Server-side sessions. The cookie holds a random token; the database holds its hash, the user,
 * and the two clocks: idle (last_seen_at) and absolute (expires_at).
 */
export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** last_seen_at is written at most this often, so reading a page is not a write every time. */
const TOUCH_INTERVAL_MS = 60_000;

/** How long a session waiting for the second factor lasts; giving the code opens a new, full session. */
export const SECOND_FACTOR_PENDING_MINUTES = 10;

export async function createSession(props: {
  db: Kysely<Database>;
  userId: string;
  programmeId: string;
  limits: SessionLimits;
  /** A right password, and the second factor still to come: the session reaches only the second-factor pages. */
  secondFactorPending?: boolean;
}): Promise<string> {
  const token = newSecret();
  const hours = props.secondFactorPending ? SECOND_FACTOR_PENDING_MINUTES / 60 : props.limits.absoluteHours;
  await props.db
    .insertInto('user_session')
    .values({
      token_hash: hashSecret(token),
      user_id: props.userId,
      programme_id: props.programmeId,
      expires_at: new Date(Date.now() + hours * 3600_000),
      ended_at: null,
      end_reason: null,
      flash: null,
      second_factor_pending: props.secondFactorPending ?? false,
    })
    .execute();
  return token;
}

export interface ActiveSession {
  tokenHash: string;
  /** Who is signed in: null while the session waits for the second factor, so every page but those treats it as signed out. */
  actor: Actor | null;
  /** While the session waits for the second factor: who gave the right password (for the second-factor pages only). */
  pendingActor: Actor | null;
  flash: unknown;
  /** The header's unread count and the user's e-mail choice, read with the session: every page shows them. */
  notifications: HeaderNotifications;
}

/** The session for a cookie token, if it is open, within both limits, and its user is active. */
export async function findActiveSession(props: { db: Kysely<Database>; token: string; limits: SessionLimits }): Promise<ActiveSession | null> {
  const tokenHash = hashSecret(props.token);
  const now = Date.now();
  const row = await props.db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select([
      's.token_hash',
      's.last_seen_at',
      's.expires_at',
      's.flash',
      's.second_factor_pending',
      ...ACTOR_COLUMNS,
      'u.email_notifications',
      unreadOfUser,
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.ended_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const idleDeadline = row.last_seen_at.getTime() + props.limits.idleMinutes * 60_000;
  if (row.expires_at.getTime() <= now || idleDeadline <= now) {
    await endSession({ db: props.db, tokenHash, reason: row.expires_at.getTime() <= now ? 'expired' : 'idle' });
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await props.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(now) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const actor = actorFromRow(row, 'session');
  return {
    tokenHash,
    flash: row.flash,
    actor: row.second_factor_pending ? null : actor,
    pendingActor: row.second_factor_pending ? actor : null,
    notifications: { unread: row.unread ?? 0, emailNotifications: row.email_notifications },
  };
}

export async function endSession(props: { db: Kysely<Database>; tokenHash: string; reason: string }): Promise<void> {
  await props.db
    .updateTable('user_session')
    .set({ ended_at: sql`now()`, end_reason: props.reason })
    .where('token_hash', '=', props.tokenHash)
    .where('ended_at', 'is', null)
    .execute();
}

/**
 * The second factor is given: a new session token replaces the waiting one (which ends), so a token
 * seen before the second factor is worth nothing after it.
 */
export async function completeSecondFactor(props: {
  db: Kysely<Database>;
  tokenHash: string;
  userId: string;
  programmeId: string;
  limits: SessionLimits;
}): Promise<string> {
  await endSession({ db: props.db, tokenHash: props.tokenHash, reason: 'second-factor-given' });
  return createSession({ db: props.db, userId: props.userId, programmeId: props.programmeId, limits: props.limits });
}

/**
 * Ends every open session of a user (deactivation, password reset, an administrator's request), or
 * every one but `keepTokenHash` (the user's own, when they change a factor themselves).
 */
export async function endUserSessions(props: { db: Kysely<Database>; userId: string; reason: string; keepTokenHash?: string | null }): Promise<number> {
  let update = props.db
    .updateTable('user_session')
    .set({ ended_at: sql`now()`, end_reason: props.reason })
    .where('user_id', '=', props.userId)
    .where('ended_at', 'is', null);
  if (props.keepTokenHash) update = update.where('token_hash', '!=', props.keepTokenHash);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countOpenSessions(props: { db: Kysely<Database>; userId: string }): Promise<number> {
  const row = await props.db
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', props.userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirstOrThrow();
  return row.count;
}

/** A one-time message for the next page (the green banner after a save). */
export async function setFlash(props: { db: Kysely<Database>; tokenHash: string; flash: { success: string } | null }): Promise<void> {
  await props.db.updateTable('user_session').set({ flash: props.flash }).where('token_hash', '=', props.tokenHash).execute();
}
