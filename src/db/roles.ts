import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import type { Database } from './schema.ts';

/**
 * The service's rights when it connects as a role of its own (docs/decisions/0008-database-roles.md):
 * it owns nothing, so it can neither change the schema nor disable a trigger; it may read and write
 * the programme's tables (retention and import undo delete rows), but only add to and read the audit
 * log, and only read which migrations are applied and which references to configuration are checked.
 */
async function grantServiceRights(tx: Kysely<Database>, role: string): Promise<void> {
  const r = sql.id(role);
  // Afresh each time: nothing granted by hand, or by an older version of this list, survives.
  await sql`revoke all on all tables in schema public from ${r}`.execute(tx);
  await sql`revoke all on all sequences in schema public from ${r}`.execute(tx);
  await sql`grant usage on schema public to ${r}`.execute(tx);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(tx);
  await sql`revoke insert, update, delete on schema_migration, configuration_reference from ${r}`.execute(tx);
  await sql`revoke update, delete on audit_event from ${r}`.execute(tx);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(tx);
  // The schema's own functions (can_see_person...), not pg_trgm's, which everyone may call anyway
  // and which the owner cannot grant (each would say so in a warning).
  const { rows } = await sql<{ routine: string }>`
    select oid::regprocedure::text as routine from pg_proc
    where pronamespace = 'public'::regnamespace and pg_has_role(proowner, 'USAGE')`.execute(tx);
  if (rows.length > 0) await sql`grant execute on routine ${sql.join(rows.map((row) => sql.raw(row.routine)))} to ${r}`.execute(tx);
}

export const AUDIT_LOG_UNPROTECTED =
  'The audit log is not protected: the database role in DATABASE_URL can change or remove it. ' +
  'Run the service as a role that owns nothing, and migrate with DATABASE_OWNER_URL (docs/postgresql.md).';

/** The role a handle's connections sign in as. */
export async function roleOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]?.role ?? '';
}

/**
 * With a separate owner (handle.openOwner), gives the handle's own role, the service's, exactly the
 * rights above on every table there is now, as the owner. Returns that role, or undefined with one
 * role (nothing to grant: it owns everything).
 */
export async function grantServiceRole(handle: DatabaseHandle): Promise<string | undefined> {
  if (!handle.openOwner) return undefined;
  const role = await roleOf(handle.db);
  const owner = await handle.openOwner();
  try {
    await grantAsOwner(owner.db, role);
  } finally {
    await owner.close();
  }
  return role;
}

/** Grants `role` the service's rights, as the schema owner `owner`, in one transaction. */
export async function grantAsOwner(owner: Kysely<Database>, role: string): Promise<void> {
  if (role === (await roleOf(owner))) {
    throw new Error(
      `DATABASE_URL and DATABASE_OWNER_URL both sign in as ${role}: give the service a role of its own ` +
        '(docs/postgresql.md), or leave DATABASE_OWNER_URL unset to run as one role.',
    );
  }
  await owner.transaction().execute((tx) => grantServiceRights(tx, role));
}

/**
 * Whether the handle's role can neither change nor remove the audit log: not a superuser, not (a
 * member of) the owner of audit_event or of its schema (which may drop it), and with no right to
 * update, delete or truncate it. False with one role, and always on PGlite (one superuser).
 */
export async function auditLogProtected(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ protected: boolean }>`
    select not (
      (select rolsuper from pg_roles where rolname = current_user)
      or pg_has_role(c.relowner, 'MEMBER')
      or pg_has_role((select nspowner from pg_namespace where oid = c.relnamespace), 'MEMBER')
      or has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE')
    ) as protected
    from pg_class c
    where c.oid = 'audit_event'::regclass`.execute(db);
  return rows[0]?.protected ?? false;
}
