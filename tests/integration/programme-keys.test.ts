import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/schema.ts';
import { createTestDatabase } from '../support/database.ts';

/**
 * Programme-safe keys (migrations/0007): every table of programme data is keyed with programme_id
 * first, and every reference between programme tables includes programme_id on both sides, so the
 * database itself refuses a row of one programme pointing at a row of another. Read from the
 * catalogue, so a table or reference added later is checked without being listed here; only the
 * exceptions are listed, each with its reason. The references are the foreign keys and those to
 * configuration, which triggers check per statement (migration 0039, configuration_reference).
 */

/** Tables holding programme data (they have programme_id) whose key does not start with it. */
const KEY_EXCEPTIONS: Record<string, string> = {
  user_session:
    'found only by the hash of the cookie token, which carries no programme; the hash must be unique over the database, ' +
    'so (programme_id, token_hash) would be a second index nothing reads',
  audit_event:
    'events with no programme exist (a failed sign-in for an unknown email) and a key column cannot be null; ' +
    'its reference to the actor is composite all the same',
};

/** Tables without programme_id: not programme data. */
const NOT_PROGRAMME_DATA: Record<string, string> = {
  programme: 'the programmes themselves',
  assignment_part: 'a code list shared by every programme, changed only by migrations',
  sign_in_failure: 'throttling by address over every programme, often for no known account, kept for a day',
  schema_migration: 'which migrations have been applied',
  configuration_reference: 'which references to configuration are checked per statement (migration 0039), over every programme',
};

/** References to a programme table that do not include programme_id. */
const REFERENCE_EXCEPTIONS: Record<string, string> = {
  sign_in_failure_user_id_fkey: 'from sign_in_failure, which has no programme (above): it refers to app_user (id), kept unique for it',
};

/** Every code column the database checks against the programme's list: table.column -> list. */
const CHECKED_CODES: Record<string, string> = {
  'contact.contact_type': 'contact_type',
  'episode.liberation_type': 'liberation_type',
  'episode.non_engagement_reason': 'non_engagement_reason',
  'episode.closure_reason': 'closure_reason',
  'person.gender': 'gender',
  'need.domain': 'need_domain',
  'plan_action.domain': 'need_domain',
  'assessment_need.domain': 'need_domain',
  'outcome.outcome_type': 'outcome_type',
  'outcome.evidence_kind': 'evidence_kind',
  'outcome_type_rule.code': 'outcome_type',
  'outcome_type_rule.need_domain': 'need_domain',
  'outcome_type_rule.evidence_kind': 'evidence_kind',
  'distance_score.area': 'distance_area',
  'episode.lawful_basis': 'lawful_basis',
  'episode.offence_data_condition': 'offence_data_condition',
  'episode.health_data_condition': 'health_data_condition',
  'agency_service_need_domain.domain': 'need_domain',
  'referral.need_domain': 'need_domain',
  'family_member.relationship': 'family_relationship',
  'family_referral.source': 'family_referral_source',
  'family_referral.closure_reason': 'family_closure_reason',
  'family_support.contact_type': 'contact_type',
  'family_outcome.outcome_type': 'outcome_type',
  'staff_vetting.disclosure_type': 'disclosure_type',
};

interface TableRow {
  table_name: string;
  columns: string[];
  not_null: string[];
  key: string[] | null;
}

interface ReferenceRow {
  name: string;
  table_name: string;
  columns: string[];
  referenced: string;
  referenced_columns: string[];
}

let database: DatabaseHandle;
let db: Kysely<Database>;
let tables: TableRow[];
let references: ReferenceRow[];
/** Tables with a programme_id column. */
let programmeTables: Set<string>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  tables = (
    await sql<TableRow>`
      select c.relname as table_name,
        array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
        array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attnotnull) as not_null,
        (select array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality k(attnum, position)
                      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.position)
         from pg_index i where i.indrelid = c.oid and i.indisprimary) as key
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r'
      order by c.relname`.execute(db)
  ).rows;
  references = (
    await sql<ReferenceRow>`
      select k.conname as name, c.relname as table_name, r.relname as referenced,
        array(select a.attname::text from unnest(k.conkey) with ordinality x(attnum, position)
              join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.attnum order by x.position) as columns,
        array(select a.attname::text from unnest(k.confkey) with ordinality x(attnum, position)
              join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.attnum order by x.position) as referenced_columns
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and k.contype = 'f'
      union all
      select name, table_name, referenced, columns, referenced_columns from configuration_reference
      order by name`.execute(db)
  ).rows;
  programmeTables = new Set(tables.filter((table) => table.columns.includes('programme_id')).map((table) => table.table_name));
});

afterAll(async () => {
  await database?.close();
});

describe('the catalogue', () => {
  it('has programme_id in every table but the listed ones', () => {
    const without = tables.filter((table) => !programmeTables.has(table.table_name)).map((table) => table.table_name);
    expect(without.sort()).toEqual(Object.keys(NOT_PROGRAMME_DATA).sort());
  });

  it('keys every programme table with programme_id first, but the listed exceptions', () => {
    expect(programmeTables.size).toBeGreaterThan(20);
    const wrong = tables
      .filter((table) => programmeTables.has(table.table_name) && !(table.table_name in KEY_EXCEPTIONS))
      .filter((table) => table.key?.[0] !== 'programme_id')
      .map((table) => `${table.table_name} (${table.key?.join(', ') ?? 'no key'})`);
    expect(wrong).toEqual([]);
    // The exceptions are still exceptions: one put right comes off the list.
    for (const name of Object.keys(KEY_EXCEPTIONS)) {
      const table = tables.find((t) => t.table_name === name);
      expect(table && programmeTables.has(name) && table.key?.[0] !== 'programme_id', name).toBe(true);
    }
  });

  it('includes programme_id, at the same place on both sides, in every reference between programme tables', () => {
    const wrong = references
      .filter((ref) => programmeTables.has(ref.referenced) && !(ref.name in REFERENCE_EXCEPTIONS))
      .filter((ref) => {
        const at = ref.columns.indexOf('programme_id');
        return at < 0 || ref.referenced_columns[at] !== 'programme_id';
      })
      .map((ref) => `${ref.name}: ${ref.table_name} (${ref.columns.join(', ')}) -> ${ref.referenced} (${ref.referenced_columns.join(', ')})`);
    expect(wrong).toEqual([]);
    for (const name of Object.keys(REFERENCE_EXCEPTIONS))
      expect(
        references.some((ref) => ref.name === name),
        name,
      ).toBe(true);
  });

  it('ties every programme table’s programme_id to the programme: directly, or through a reference that is never null to a table that is', () => {
    // A name's reference to its person (programme_id, person_id), neither ever null, already refuses a
    // programme that does not exist: migrations/0035 and 0038 dropped the direct references such rows did not need.
    const notNull = new Map(tables.map((table) => [table.table_name, new Set(table.not_null)]));
    const tied = new Set(references.filter((ref) => ref.referenced === 'programme' && ref.columns.join() === 'programme_id').map((ref) => ref.table_name));
    for (let grown = true; grown;) {
      grown = false;
      for (const ref of references) {
        const through =
          tied.has(ref.referenced) && ref.columns[0] === 'programme_id' && ref.columns.every((column) => notNull.get(ref.table_name)?.has(column));
        if (through && !tied.has(ref.table_name)) {
          tied.add(ref.table_name);
          grown = true;
        }
      }
    }
    expect([...programmeTables].filter((name) => !tied.has(name))).toEqual([]);
    // Only a table with a reference of that kind goes without its own.
    const direct = new Set(references.filter((ref) => ref.referenced === 'programme').map((ref) => ref.table_name));
    expect([...programmeTables].filter((name) => !direct.has(name)).sort()).toEqual(
      [
        ...['episode', 'person_name', 'prison_number'], // migrations/0035
        ...['assignment', 'contact', 'custody_return', 'family', 'family_client', 'family_member', 'family_outcome'], // migrations/0038
        ...['family_referral', 'family_support', 'family_support_member', 'outcome', 'pre_release_visit'],
      ].sort(),
    );
  });

  it('checks every code column against its own programme’s list', async () => {
    // The list a code belongs to is a generated column holding the list's name: never written, never different.
    const generated = (
      await sql<{ table_name: string; column_name: string; expression: string }>`
        select c.relname as table_name, a.attname as column_name, pg_get_expr(d.adbin, d.adrelid) as expression
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = current_schema() and a.attgenerated = 's'`.execute(db)
    ).rows;
    const checked: Record<string, string> = {};
    for (const ref of references.filter((r) => r.referenced === 'choice')) {
      expect(ref.referenced_columns, ref.name).toEqual(['programme_id', 'list', 'code']);
      expect(ref.columns[0], ref.name).toBe('programme_id');
      const list = generated.find((column) => column.table_name === ref.table_name && column.column_name === ref.columns[1]);
      const name = /^'([a-z_]+)'::text$/.exec(list?.expression ?? '')?.[1];
      expect(name, `${ref.name}: ${ref.columns[1]} is a generated list name`).toBeDefined();
      checked[`${ref.table_name}.${ref.columns[2]}`] = name ?? '';
    }
    expect(checked).toEqual(CHECKED_CODES);
  });
});

describe('the database refuses', () => {
  const programmeA = randomUUID();
  const programmeB = randomUUID();
  let episodeB: string;

  /** A programme with one prison, one person, one sign-up and a few contact types: the least a contact needs. */
  async function programmeWithSignUp(id: string, slug: string, contactTypes: string[]): Promise<string> {
    await sql`insert into programme (id, slug, name) values (${id}, ${slug}, ${slug})`.execute(db);
    for (const code of contactTypes) {
      await sql`insert into choice (programme_id, list, code, label) values (${id}, 'contact_type', ${code}, ${code})`.execute(db);
    }
    await sql`insert into choice (programme_id, list, code, label) values (${id}, 'gender', 'female', 'Female')`.execute(db);
    const prison = randomUUID();
    const person = randomUUID();
    const episode = randomUUID();
    await sql`insert into prison (id, programme_id, name) values (${prison}, ${id}, 'HMP Keys')`.execute(db);
    await sql`insert into person (id, programme_id, first_name, last_name, gender) values (${person}, ${id}, 'Ann', 'Key', 'female')`.execute(db);
    await sql`
      insert into episode (id, programme_id, person_id, prison_id, sentence_months, signed_up_on)
      values (${episode}, ${id}, ${person}, ${prison}, 12, '2026-01-05')`.execute(db);
    return episode;
  }

  const insertContact = (programmeId: string, episodeId: string, contactType: string) =>
    sql`
      insert into contact (programme_id, episode_id, contact_on, contact_type, outcome)
      values (${programmeId}, ${episodeId}, '2026-02-01', ${contactType}, 'happened')`.execute(db);

  beforeAll(async () => {
    await programmeWithSignUp(programmeA, `keys-a-${programmeA.slice(0, 8)}`, ['phone', 'video_call']);
    episodeB = await programmeWithSignUp(programmeB, `keys-b-${programmeB.slice(0, 8)}`, ['phone']);
  });

  it('a contact of one programme on a sign-up of another', async () => {
    await expect(insertContact(programmeA, episodeB, 'phone')).rejects.toThrow(/contact_episode_id_fkey/);
    // The same contact in the sign-up's own programme is fine: it was the programme that was wrong.
    await insertContact(programmeB, episodeB, 'phone');
  });

  it('a contact type its programme’s list does not have', async () => {
    await expect(insertContact(programmeB, episodeB, 'telepathy')).rejects.toThrow(/contact_contact_type_fkey/);
    // In another programme's list only,
    await expect(insertContact(programmeB, episodeB, 'video_call')).rejects.toThrow(/contact_contact_type_fkey/);
    // or in another list of the same programme.
    await expect(insertContact(programmeB, episodeB, 'female')).rejects.toThrow(/contact_contact_type_fkey/);
  });

  it('changing a contact to an unknown type, or writing the list column', async () => {
    await expect(sql`update contact set contact_type = 'telepathy' where programme_id = ${programmeB}`.execute(db)).rejects.toThrow(
      /contact_contact_type_fkey/,
    );
    await expect(sql`update contact set contact_type_list = 'gender' where programme_id = ${programmeB}`.execute(db)).rejects.toThrow();
  });

  it('a person merged into a record of another programme', async () => {
    const [a] = (await sql<{ id: string }>`select id from person where programme_id = ${programmeA}`.execute(db)).rows;
    await expect(sql`update person set merged_into = ${a?.id} where programme_id = ${programmeB}`.execute(db)).rejects.toThrow(/person_merged_into_fkey/);
  });
});
