import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { programmeTables } from '../../src/modules/programme-export/catalog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Every row an import writes names its import, (programme_id, import_id) -> import_batch, checked
 * once per statement rather than per row (migration 0037): the database still refuses what a
 * foreign key refused.
 */
let database: TestDatabase;
let db: Kysely<Database>;
const programmeA = randomUUID();
const programmeB = randomUUID();
const importA = randomUUID();
const importB = randomUUID();

async function programmeWithImport(programmeId: string, importId: string): Promise<void> {
  const user = randomUUID();
  await sql`insert into programme (id, slug, name) values (${programmeId}, ${`imports-${programmeId.slice(0, 8)}`}, 'Imports')`.execute(db);
  await sql`insert into app_user (id, programme_id, email, display_name, password_hash, role)
    values (${user}, ${programmeId}, ${`lead-${programmeId.slice(0, 8)}@example.org`}, 'Lead', 'x', 'team_leader')`.execute(db);
  await sql`insert into import_batch (id, programme_id, file_name, file_sha256, file_bytes, uploaded_by)
    values (${importId}, ${programmeId}, 'sign-ups.csv', 'abc', 10, ${user})`.execute(db);
}

const insertPeople = (programmeId: string, importIds: (string | null)[]) =>
  sql`insert into person (programme_id, first_name, last_name, import_id)
    select ${programmeId}, 'Ann', 'Key', i from unnest(${importIds}::uuid[]) i`.execute(db);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await programmeWithImport(programmeA, importA);
  await programmeWithImport(programmeB, importB);
});

afterAll(async () => {
  await database?.close();
});

describe('a row’s import', () => {
  it('is checked on every table with an import_id, and nowhere by a foreign key', async () => {
    const { rows } = await sql<{ table_name: string; recorded: boolean; kept: boolean; foreign_key: boolean }>`
      select c.relname as table_name,
        exists (select from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                where t.tgrelid = c.oid and p.proname = 'import_rows_name_a_recorded_import') as recorded,
        exists (select from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                where t.tgrelid = c.oid and p.proname = 'import_of_a_row_never_changes') as kept,
        exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any(k.conkey)) as foreign_key
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
      where c.relnamespace = current_schema()::regnamespace and a.attname = 'import_id' and not a.attisdropped
      order by 1`.execute(db);
    expect(rows.length).toBeGreaterThanOrEqual(17);
    expect(rows.filter((row) => !row.recorded || !row.kept || row.foreign_key)).toEqual([]);
  });

  it('must be one the programme recorded: never an unknown import, nor another programme’s', async () => {
    await expect(insertPeople(programmeA, [importA, randomUUID()])).rejects.toThrow(/insert into person names import .*, which the programme has not recorded/);
    await expect(insertPeople(programmeA, [importB])).rejects.toThrow(/which the programme has not recorded/);
    await insertPeople(programmeA, [importA, importA, null]);
    const counted = await sql<{ n: number }>`select count(*)::int as n from person where programme_id = ${programmeA}`.execute(db);
    expect(counted.rows[0]?.n).toBe(3);
  });

  it('never changes, and an import’s record is never deleted', async () => {
    await expect(sql`update person set import_id = ${importB} where programme_id = ${programmeA}`.execute(db)).rejects.toThrow(
      /the import that wrote a row of person cannot be changed/,
    );
    await expect(sql`update person set import_id = null where programme_id = ${programmeA}`.execute(db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from import_batch where id = ${importB}`.execute(db)).rejects.toThrow(/an import's record is kept/);
    // Anything else about the row may still change.
    await sql`update person set first_name = 'Anne' where programme_id = ${programmeA}`.execute(db);
  });

  it('puts the imports before the rows that name them when a programme is restored', async () => {
    const tables = await programmeTables(db);
    const at = (name: string) => tables.findIndex((table) => table.name === name);
    const naming = tables.filter((table) => table.columns.some((column) => column.name === 'import_id'));
    expect(naming.length).toBeGreaterThanOrEqual(17);
    for (const table of naming) expect(at(table.name), table.name).toBeGreaterThan(at('import_batch'));
  });
});
