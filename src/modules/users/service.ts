import { sql } from 'kysely';
import { authorize } from '../../http/access.ts';
import { inTransaction, type Ctx, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, throwProblems, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { hashPassword, refusePersonalPassword } from '../auth/passwords.ts';
import { endUserSessions } from '../auth/sessions.ts';
import type { Role } from '../auth/roles.ts';
import type { CreateUserInput, UserChanges } from './schemas.ts';
import { organisationProblems } from './organisation.ts';

/** Staff users of the actor's programme. Users are people too: every read and change is audited. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  /** A partner agency user's organisation in the agency directory. */
  organisationId: string | null;
  organisationName: string | null;
  active: boolean;
  locked: boolean;
  lastSignedInAt: Date | null;
  version: number;
}

function selectUsers(ctx: Ctx, programmeId: string) {
  return ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .leftJoin('agency_organisation as o', (j) => j.onRef('o.programme_id', '=', 'u.programme_id').onRef('o.id', '=', 'u.organisation_id'))
    .select([
      'u.id',
      'u.email',
      'u.display_name as displayName',
      'u.role',
      'u.team_id as teamId',
      't.name as teamName',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
      'u.active',
      sql<boolean>`coalesce(u.locked_until > now(), false)`.as('locked'),
      'u.last_signed_in_at as lastSignedInAt',
      'u.version',
    ])
    .where('u.programme_id', '=', programmeId);
}

/** The most users the list page shows; its downloads hold them all. */
export const USER_LIST_LIMIT = 500;

export async function listUsers(props: {
  ctx: SignedInCtx;
  filter: { q?: string; role?: Role; status: 'active' | 'inactive' | 'all' };
  /** null: every user that matches. */
  limit?: number | null;
}): Promise<UserRecord[]> {
  const { ctx, filter, limit = USER_LIST_LIMIT } = props;
  const rows = await selectUsers(ctx, ctx.actor.programmeId)
    .$if(filter.status !== 'all', (q) => q.where('u.active', '=', filter.status === 'active'))
    .$if(filter.role !== undefined, (q) => q.where('u.role', '=', filter.role as Role))
    .$if(Boolean(filter.q), (q) =>
      q.where((eb) =>
        eb.or([
          eb('u.display_name', 'ilike', `%${escapeLike(filter.q as string)}%`),
          eb('u.email', 'ilike', `%${escapeLike(filter.q as string)}%`),
        ]),
      ),
    )
    .orderBy('u.display_name')
    .$if(limit !== null, (q) => q.limit(limit as number))
    .execute();
  await audit(ctx, { action: 'list', recordType: 'user', detail: { count: rows.length } });
  return rows as UserRecord[];
}

export async function getUser(props: { ctx: SignedInCtx; userId: string; audited?: boolean }): Promise<UserRecord> {
  return findUser({ ...props, programmeId: props.ctx.actor.programmeId });
}

async function findUser(props: { ctx: Ctx; programmeId: string; userId: string; audited?: boolean }): Promise<UserRecord> {
  const row = await selectUsers(props.ctx, props.programmeId).where('u.id', '=', props.userId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (props.audited !== false) await audit(props.ctx, { action: 'read', recordType: 'user', recordId: row.id });
  return row as UserRecord;
}

/** Adds a user to a programme: from the admin pages and API, or from the command line (no actor). */
export async function createUser(props: { ctx: Ctx; programmeId: string; input: CreateUserInput }): Promise<UserRecord> {
  const { ctx, programmeId, input } = props;
  await refusePersonalPassword({ password: input.password, owner: input, setter: 'other', field: 'password' });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    await checkEmailFree(tx, input.email, null);
    await checkTeam(tx, programmeId, input.teamId);
    throwProblems(await organisationProblems(tx, { programmeId, role: input.role, organisationId: input.organisationId }));
    const row = await tx.db
      .insertInto('app_user')
      .values({
        programme_id: programmeId,
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        team_id: input.teamId,
        organisation_id: input.organisationId,
        password_hash: passwordHash,
        locked_until: null,
        last_signed_in_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'user', recordId: row.id, detail: { role: input.role } });
    return findUser({ ctx: tx, programmeId, userId: row.id, audited: false });
  });
}

/** Saves changes made from `version`; refuses with ConflictError if someone saved in between. */
export async function updateUser(props: { ctx: SignedInCtx; userId: string; version: number; changes: UserChanges }): Promise<UserRecord> {
  const { ctx, userId, changes } = props;
  return inTransaction(ctx, async (tx) => {
    const current = await getUser({ ctx: tx, userId, audited: false });
    const resource = { kind: 'user' as const, id: userId, programmeId: ctx.actor.programmeId };
    await authorize(tx, 'users.manage', resource);
    if (changes.active === false) await authorize(tx, 'users.deactivate', resource);
    if (userId === ctx.actor.userId && changes.role !== undefined && changes.role !== current.role) {
      throw new ValidationError([{ field: 'role', message: 'You cannot change your own role: ask another administrator' }]);
    }
    if (changes.email !== undefined) await checkEmailFree(tx, changes.email, userId);
    if (changes.teamId !== undefined) await checkTeam(tx, ctx.actor.programmeId, changes.teamId);
    if (changes.role !== undefined || changes.organisationId !== undefined) {
      const organisationId = changes.organisationId !== undefined ? changes.organisationId : current.organisationId;
      throwProblems(await organisationProblems(tx, { programmeId: ctx.actor.programmeId, role: changes.role ?? current.role, organisationId }));
    }
    const changed = Object.entries(changes)
      .filter(([field, value]) => value !== undefined && value !== current[field as keyof UserRecord])
      .map(([field]) => field);
    const result = await tx.db
      .updateTable('app_user')
      .set({
        email: changes.email,
        display_name: changes.displayName,
        role: changes.role,
        team_id: changes.teamId,
        organisation_id: changes.organisationId,
        active: changes.active,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', userId)
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError();
    if (changes.active === false) await endUserSessions({ db: tx.db, userId, reason: 'deactivated' });
    await audit(tx, { action: 'update', recordType: 'user', recordId: userId, detail: { fields: changed } });
    return getUser({ ctx: tx, userId, audited: false });
  });
}

/**
 * An administrator sets a new password (not their name, email name or the one they have now): the
 * account is unlocked and its sessions end.
 */
export async function resetPassword(props: { ctx: SignedInCtx; userId: string; password: string }): Promise<void> {
  const { ctx, userId } = props;
  const owner = await ctx.db
    .selectFrom('app_user')
    .select(['email', 'display_name as displayName', 'password_hash as passwordHash'])
    .where('id', '=', userId)
    .where('programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirst();
  if (!owner) throw new NotFoundError();
  await refusePersonalPassword({ password: props.password, owner, setter: 'other', field: 'password' });
  const passwordHash = await hashPassword(props.password);
  await inTransaction(ctx, async (tx) => {
    await getUser({ ctx: tx, userId, audited: false });
    await tx.db
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        password_changed_at: sql`now()`,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', userId)
      .execute();
    await endUserSessions({ db: tx.db, userId, reason: 'password-reset' });
    await audit(tx, { action: 'update', recordType: 'user', recordId: userId, detail: { fields: ['password'] } });
  });
}

export async function endSessionsOf(props: { ctx: SignedInCtx; userId: string }): Promise<number> {
  return inTransaction(props.ctx, async (tx) => {
    await getUser({ ctx: tx, userId: props.userId, audited: false });
    const ended = await endUserSessions({ db: tx.db, userId: props.userId, reason: 'ended-by-administrator' });
    await audit(tx, { action: 'update', recordType: 'user', recordId: props.userId, detail: { sessionsEnded: ended } });
    return ended;
  });
}

async function checkEmailFree(ctx: Ctx, email: string, exceptUserId: string | null) {
  const taken = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .$if(exceptUserId !== null, (q) => q.where('id', '!=', exceptUserId as string))
    .executeTakeFirst();
  if (taken) throw new ValidationError([{ field: 'email', message: 'A user with this email address already exists' }]);
}

async function checkTeam(ctx: Ctx, programmeId: string, teamId: string | null) {
  if (teamId === null) return;
  const team = await ctx.db
    .selectFrom('team')
    .select('id')
    .where('id', '=', teamId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!team) throw new ValidationError([{ field: 'teamId', message: 'Select a team that exists' }]);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
