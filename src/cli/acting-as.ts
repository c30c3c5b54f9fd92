import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { Database } from '../db/schema.ts';
import type { SignedInCtx } from '../http/context.ts';
import { can, type Action } from '../modules/auth/policy.ts';
import { ACTOR_COLUMNS, actorFromRow, roleName } from '../modules/auth/roles.ts';

/** A mistake in how the command was called: shown as it is, with no stack trace. */
export class UsageError extends Error {}

/**
 * The context of a command run as a user (by email): their programme, role and name in the audit
 * log as "(command line)". Refuses an unknown or inactive user, and one whose role may not `action`.
 */
export async function actingAs(db: Kysely<Database>, email: string, action?: Action): Promise<SignedInCtx> {
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(ACTOR_COLUMNS)
    .where('u.email', '=', email.toLowerCase())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!user) throw new UsageError(`No active user ${email}`);
  const actor = actorFromRow(user, 'command-line');
  if (action && !can(actor, action)) {
    const role = roleName(user.role).toLowerCase();
    throw new UsageError(`${email} may not do this (${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role})`);
  }
  return { actor, requestId: randomUUID(), address: 'command line', db, log: pino({ level: 'silent' }) };
}
