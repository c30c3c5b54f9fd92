import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite, type DatabaseHandle } from '../../src/db/connect.ts';

/** migrations/0018_api_token_owner.sql on a database holding tokens from before it. */
const DIR = new URL('../../migrations/', import.meta.url);
const OWNER_MIGRATION = '0018_api_token_owner.sql';
let handle: DatabaseHandle;

async function apply(names: string[]) {
  for (const name of names) {
    await handle.runScriptInTransaction(await readFile(new URL(name, DIR), 'utf8'), { sql: 'select $1::text', params: [name] });
  }
}

beforeAll(async () => {
  handle = await connectPglite('memory://');
  const files = (await readdir(DIR)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  await apply(files.filter((name) => name < OWNER_MIGRATION));
}, 120_000);
afterAll(() => handle.close());

describe('migration 0018: API tokens act only as their maker', () => {
  it('revokes tokens made for someone else, keeps users’ own as read and write for 90 days, and then refuses a new one made for someone else', async () => {
    const db = handle.db;
    const {
      rows: [programme],
    } = await sql<{ id: string }>`insert into programme (slug, name) values ('old', 'Old') returning id`.execute(db);
    const user = async (email: string, role: string) =>
      (
        await sql<{
          id: string;
        }>`insert into app_user (programme_id, email, display_name, role, password_hash) values (${programme?.id}, ${email}, ${email}, ${role}, 'x') returning id`.execute(
          db,
        )
      ).rows[0]?.id;
    const [admin, coach] = [await user('admin@old.example', 'administrator'), await user('coach@old.example', 'prison_life_coach')];
    const token = async (name: string, userId: string | undefined, createdBy: string | undefined) =>
      sql`insert into api_token (programme_id, user_id, name, token_hash, created_by) values (${programme?.id}, ${userId}, ${name}, ${name}, ${createdBy})`.execute(
        db,
      );
    await token('made for the coach by the admin', coach, admin);
    await token('the admin’s own', admin, admin);

    await apply([OWNER_MIGRATION]);

    const { rows } = await sql<{ name: string; revoked: boolean; scope: string; days: number }>`
      select name, revoked_at is not null as revoked, scope, extract(epoch from expires_at - now()) / 86400 as days from api_token order by name`.execute(db);
    expect(rows.map(({ name, revoked, scope }) => ({ name, revoked, scope }))).toEqual([
      { name: 'made for the coach by the admin', revoked: true, scope: 'read-write' },
      { name: 'the admin’s own', revoked: false, scope: 'read-write' },
    ]);
    expect(Math.round(Number(rows[1]?.days))).toBe(90);
    await expect(token('another for the coach', coach, admin)).rejects.toThrow(/api_token_acts_as_its_maker/);
  });
});
