import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { programmeTables } from '../../src/modules/programme-export/catalog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * References to a programme's configuration (its programme, areas, local authorities, prisons,
 * teams, users and list codes) are checked once per statement rather than by a foreign key per row
 * (migration 0039): the database still refuses what the foreign keys refused, with the same words.
 */
const CONFIGURATION = ['programme', 'area', 'local_authority', 'prison', 'team', 'app_user', 'choice'];

let database: TestDatabase;
let db: Kysely<Database>;

interface Programme {
  id: string;
  team: string;
  otherTeam: string;
}
let a: Programme;
let b: Programme;

async function programme(slug: string): Promise<Programme> {
  const id = randomUUID();
  const [team, otherTeam] = [randomUUID(), randomUUID()];
  await sql`insert into programme (id, slug, name) values (${id}, ${`${slug}-${id.slice(0, 8)}`}, ${slug})`.execute(db);
  await sql`insert into team (id, programme_id, name) values (${team}, ${id}, 'North'), (${otherTeam}, ${id}, 'South')`.execute(db);
  await sql`insert into choice (programme_id, list, code, label) values (${id}, 'gender', 'female', 'Female')`.execute(db);
  return { id, team, otherTeam };
}

/** People of programme `of`, one per team given, in one statement. */
const insertPeople = (of: Programme, teams: string[]) =>
  sql`insert into person (programme_id, first_name, last_name, team_id)
    select ${of.id}, 'Ann', 'Key', t from unnest(${teams}::uuid[]) t`.execute(db);

const peopleOf = async (of: Programme) =>
  (await sql<{ n: number }>`select count(*)::int as n from person where programme_id = ${of.id}`.execute(db)).rows[0]?.n;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  a = await programme('config-a');
  b = await programme('config-b');
});

afterAll(async () => {
  await database?.close();
});

describe('a reference to configuration', () => {
  it('is nowhere a foreign key, and every one recorded is checked on insert and update', async () => {
    const { rows: foreignKeys } = await sql<{ name: string }>`
      select k.conname as name from pg_constraint k join pg_class r on r.oid = k.confrelid
      where k.contype = 'f' and r.relname = any(${CONFIGURATION}) and r.relnamespace = current_schema()::regnamespace`.execute(db);
    expect(foreignKeys).toEqual([]);
    // Each reference: its columns are there, its update has a trigger of its own, and the table's
    // function checks it twice (for a statement's rows, and for a row updated).
    const { rows } = await sql<{ name: string; table_name: string; columns_there: boolean; inserted: boolean; updated: boolean; checks: number }>`
      select r.name, r.table_name,
        (select count(*) from pg_attribute a where a.attrelid = to_regclass(r.table_name) and a.attname = any(r.columns)) = cardinality(r.columns) as columns_there,
        exists (select from pg_trigger t where t.tgrelid = to_regclass(r.table_name) and t.tgname = r.table_name || '_configuration_inserted') as inserted,
        exists (select from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                where t.tgrelid = to_regclass(r.table_name) and t.tgname = r.name and p.proname = r.table_name || '_configuration_checked') as updated,
        (select (length(p.prosrc) - length(replace(p.prosrc, format('constraint = %L', r.name), ''))) / length(format('constraint = %L', r.name))
         from pg_proc p where p.proname = r.table_name || '_configuration_checked') as checks
      from configuration_reference r order by r.name`.execute(db);
    expect(new Set(rows.map((row) => row.table_name)).size).toBeGreaterThanOrEqual(70);
    expect(rows.filter((row) => !row.columns_there || !row.inserted || !row.updated || row.checks !== 2)).toEqual([]);
    const { rows: kept } = await sql<{ referenced: string; triggers: string[] }>`
      select r.referenced, array(select t.tgname::text from pg_trigger t where t.tgrelid = r.referenced::regclass order by 1) as triggers
      from (select distinct referenced from configuration_reference) r order by 1`.execute(db);
    expect(kept.map((row) => row.referenced).sort()).toEqual([...CONFIGURATION].sort());
    for (const { referenced, triggers } of kept)
      expect(triggers, referenced).toEqual(expect.arrayContaining([`${referenced}_kept`, `${referenced}_kept_whole`, `${referenced}_key_kept`]));
  });

  it('is refused as a foreign key was: its name, table and words, for the logs and the user', async () => {
    const error = await insertPeople(a, [randomUUID()]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: '23503',
      constraint: 'person_team_id_fkey',
      table: 'person',
      message: 'insert or update on table "person" violates foreign key constraint "person_team_id_fkey"',
      detail: expect.stringMatching(/^Key \(programme_id, team_id\)=\(.+, .+\) is not present in table "team"\.$/),
    });
  });

  it('refuses a statement with one row naming another programme’s team, or none, and writes none of its rows', async () => {
    await expect(insertPeople(a, [a.team, a.otherTeam, b.team])).rejects.toThrow(
      /insert or update on table "person" violates foreign key constraint "person_team_id_fkey"/,
    );
    await expect(insertPeople(a, [a.team, randomUUID()])).rejects.toThrow(/person_team_id_fkey/);
    expect(await peopleOf(a)).toBe(0);
    await insertPeople(a, [a.team, a.otherTeam, a.team]);
    expect(await peopleOf(a)).toBe(3);
  });

  it('checks an update that changes it, as a foreign key would, and lets every other change through', async () => {
    const move = (team: string) => sql`update person set team_id = ${team} where programme_id = ${a.id}`.execute(db);
    await expect(move(b.team)).rejects.toThrow(/person_team_id_fkey/);
    await expect(sql`update person set gender = 'male' where programme_id = ${a.id}`.execute(db)).rejects.toThrow(/person_gender_fkey/);
    // Also when a trigger, not the statement, changes it.
    await sql`create function move_on_rename() returns trigger language plpgsql as $$ begin new.team_id := gen_random_uuid(); return new; end $$`.execute(
      database.ownerDb,
    );
    await sql`create trigger move_on_rename before update on person for each row when (new.first_name = 'Moved') execute function move_on_rename()`.execute(
      database.ownerDb,
    );
    await expect(sql`update person set first_name = 'Moved' where programme_id = ${a.id}`.execute(db)).rejects.toThrow(/person_team_id_fkey/);
    await sql`drop function move_on_rename cascade`.execute(database.ownerDb);
    await move(a.otherTeam);
    await sql`update person set first_name = 'Anne', gender = 'female' where programme_id = ${a.id}`.execute(db);
    const { rows } = await sql<{ team_id: string; first_name: string }>`select team_id, first_name from person where programme_id = ${a.id}`.execute(db);
    expect(rows).toEqual(Array(3).fill({ team_id: a.otherTeam, first_name: 'Anne' }));
  });

  it('cannot come to point at nothing: configuration is never deleted, nor its key changed', async () => {
    await expect(sql`delete from team where id = ${b.otherTeam}`.execute(db)).rejects.toThrow(/rows of team are kept/);
    await expect(sql`delete from programme where id = ${b.id}`.execute(db)).rejects.toThrow(/rows of programme are kept/);
    // Not even by the schema's owner, who alone may empty a table on PostgreSQL.
    await expect(sql`truncate prison cascade`.execute(database.ownerDb)).rejects.toThrow(/rows of prison are kept/);
    await expect(sql`update choice set code = 'f' where programme_id = ${a.id}`.execute(db)).rejects.toThrow(
      /rows of choice are kept and their keys never change/,
    );
    await expect(sql`update team set id = ${randomUUID()} where id = ${a.team}`.execute(db)).rejects.toThrow(/rows of team are kept/);
    // Nor can a session stand a table of its own in for one.
    await expect(
      db.connection().execute(async (connection) => {
        await sql`create temporary table team (programme_id uuid, id uuid)`.execute(connection);
        const fake = randomUUID();
        try {
          await sql`insert into pg_temp.team values (${a.id}, ${fake})`.execute(connection);
          await sql`insert into person (programme_id, first_name, last_name, team_id) values (${a.id}, 'Tem', 'Porary', ${fake})`.execute(connection);
        } finally {
          await sql`drop table pg_temp.team`.execute(connection);
        }
      }),
    ).rejects.toThrow(/person_team_id_fkey/);
    // Its names, order and use may change.
    await sql`update choice set label = 'Woman', active = false where programme_id = ${a.id}`.execute(db);
    await sql`update team set name = 'North East' where id = ${a.team}`.execute(db);
  });

  it('puts the configuration before the records that name it when a programme is restored', async () => {
    const tables = (await programmeTables(db)).map((table) => table.name);
    const { rows } = await sql<{ table_name: string; referenced: string }>`
      select distinct table_name, referenced from configuration_reference`.execute(db);
    const restored = rows.filter((row) => tables.includes(row.table_name));
    expect(restored.length).toBeGreaterThan(50);
    for (const { table_name: table, referenced } of restored)
      expect(tables.indexOf(referenced), `${table} -> ${referenced}`).toBeLessThan(tables.indexOf(table));
  });
});
