import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import { grantAsOwner, roleOf } from './roles.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Brings the schema up to date. With one role (PGlite, or DATABASE_URL alone) the handle's own role
 * does it, as it owns everything. With a separate owner (handle.openOwner, from DATABASE_OWNER_URL)
 * the service's role only reads whether anything is missing; if so the owner applies it and grants
 * the service its rights on every table, old and new (roles.ts). Returns the names applied.
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  if (!(await anythingToApply(handle))) return [];
  if (handle.openOwner) {
    const owner = await handle.openOwner();
    try {
      const applied = await applyMigrations(owner);
      await grantAsOwner(owner.db, await roleOf(handle.db));
      return applied;
    } finally {
      await owner.close();
    }
  }
  try {
    return await applyMigrations(handle);
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    throw new Error(
      `The database role in DATABASE_URL may not change the schema (${(error as Error).message}): ` +
        'run `throughcare migrate` with DATABASE_OWNER_URL set to the owner role (docs/postgresql.md).',
      { cause: error },
    );
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

const migrationFiles = async () => (await readdir(MIGRATIONS_DIR)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();

/** Read-only, so the service's role can ask: a migration not applied, or no schema_migration it may read. */
async function anythingToApply(handle: DatabaseHandle): Promise<boolean> {
  const { rows } = await sql<{ readable: boolean }>`
    select coalesce(has_table_privilege(to_regclass('schema_migration'), 'select'), false) as readable`.execute(handle.db);
  if (!rows[0]?.readable) return true;
  const applied = await sql<{ name: string }>`select name from schema_migration`.execute(handle.db);
  const done = new Set(applied.rows.map((row) => row.name));
  return (await migrationFiles()).some((name) => !done.has(name));
}

/**
 * Applies every numbered SQL file in migrations/ not yet applied, in name order, each in its own
 * transaction together with its row in schema_migration, then refreshes the planner's statistics.
 */
async function applyMigrations(handle: DatabaseHandle): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    name text primary key,
    applied_at timestamptz not null default now()
  )`.execute(handle.db);
  const applied = await sql<{ name: string }>`select name from schema_migration`.execute(handle.db);
  const done = new Set(applied.rows.map((row) => row.name));
  const newlyApplied: string[] = [];
  for (const name of await migrationFiles()) {
    if (done.has(name)) continue;
    const script = await readFile(MIGRATIONS_DIR + name, 'utf8');
    await handle.runScriptInTransaction(script, {
      sql: 'insert into schema_migration (name) values ($1)',
      params: [name],
    });
    newlyApplied.push(name);
  }
  // A migration that rewrites tables leaves the planner without statistics until autovacuum gets
  // round to them, and until then searches can take seconds: gather them now.
  if (newlyApplied.length > 0) await sql`analyze`.execute(handle.db);
  return newlyApplied;
}
