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
    const { rows } = await sql<{ table_name: string; triggers: string[] }>`
      select r.table_name, array(select t.tgname::text from pg_trigger t where t.tgrelid = r.table_name::regclass order by 1) as triggers
      from (select distinct table_name from configuration_reference) r order by 1`.execute(db);
    expect(rows.length).toBeGreaterThan(50);
    for (const { table_name: table, triggers } of rows)
      expect(triggers, table).toEqual(expect.arrayContaining([`${table}_configuration_inserted`, `${table}_configuration_updated`]));
    const { rows: kept } = await sql<{ referenced: string; triggers: string[] }>`
      select r.referenced, array(select t.tgname::text from pg_trigger t where t.tgrelid = r.referenced::regclass order by 1) as triggers
      from (select distinct referenced from configuration_reference) r order by 1`.execute(db);
    expect(kept.map((row) => row.referenced).sort()).toEqual([...CONFIGURATION].sort());
    for (const { referenced, triggers } of kept)
      expect(triggers, referenced).toEqual(expect.arrayContaining([`${referenced}_kept`, `${referenced}_kept_whole`, `${referenced}_key_kept`]));
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
    // Its names, order and use may change.
    await sql`update choice set label = 'Woman', active = false where programme_id = ${a.id}`.execute(db);
    await sql`update team set name = 'North East' where id = ${a.team}`.execute(db);
  });

  it('puts the configuration before the records that name it when a programme is restored', async () => {
    const tables = (await programmeTables(db)).map((table) => table.name);
    const { rows } = await sql<{ table_name: string; referenced: string }>`
      select distinct table_name, referenced from configuration_reference where table_name <> referenced`.execute(db);
    const restored = rows.filter((row) => tables.includes(row.table_name));
    expect(restored.length).toBeGreaterThan(50);
    for (const { table_name: table, referenced } of restored)
      expect(tables.indexOf(referenced), `${table} -> ${referenced}`).toBeLessThan(tables.indexOf(table));
  });
});
