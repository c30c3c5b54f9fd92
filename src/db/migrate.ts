import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connect.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Applies every numbered SQL file in migrations/ not yet applied, in name order, each in its own
 * transaction together with its row in schema_migration, then refreshes the planner's statistics.
 * Returns the names applied.
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    name text primary key,
    applied_at timestamptz not null default now()
  )`.execute(handle.db);
  const applied = await sql<{ name: string }>`select name from schema_migration`.execute(handle.db);
  const done = new Set(applied.rows.map((row) => row.name));
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  const newlyApplied: string[] = [];
  for (const name of files) {
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
