import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCommand } from '../../src/cli/retention.ts';
import { buildFullRecord, buildSimpleRecord, rowsNaming } from '../support/retention.ts';
import { buildTestApp, sessionAs, type TestApp } from '../support/test-app.ts';

/**
 * `throughcare retention`: what is due (6 years after the later of the last sign-up's closure and
 * the last contact; never with a sign-up open), and deleting it, one person at a time.
 */
let test: TestApp;
const AS_OF = '2026-06-01';
const ids = {} as Record<'due' | 'merged' | 'dueEpisode' | 'dueByContact' | 'open' | 'recentContact' | 'fiveYears' | 'held', string>;
let before: Awaited<ReturnType<typeof rowsNaming>>;

async function run(options: { dryRun?: boolean; asOf?: string } = {}) {
  const lines: string[] = [];
  const code = await retentionCommand(test.database.db, { programme: 'roop', asOf: AS_OF, ...options }, (line) => lines.push(line));
  return { code, lines, text: lines.join('\n') };
}

beforeAll(async () => {
  test = await buildTestApp();
  const full = await buildFullRecord(test, { name: ['Duefull', 'Personson'], signedUpOn: '2017-01-05', closedOn: '2018-01-10', contactOn: '2017-12-01' });
  ids.due = full.person.id;
  ids.merged = full.merged.id;
  ids.dueEpisode = full.episode.id;
  ids.dueByContact = (
    await buildSimpleRecord(test, { signedUpOn: '2012-01-01', closedOn: '2013-01-01', contactOn: '2019-05-05', name: ['Contacta', 'Later'] })
  ).person.id;
  ids.open = (await buildSimpleRecord(test, { signedUpOn: '2010-01-01', closedOn: null, contactOn: '2011-01-01', name: ['Openy', 'Signup'] })).person.id;
  ids.recentContact = (
    await buildSimpleRecord(test, { signedUpOn: '2014-01-01', closedOn: '2015-01-01', contactOn: '2021-03-01', name: ['Recento', 'Contact'] })
  ).person.id;
  ids.fiveYears = (await buildSimpleRecord(test, { signedUpOn: '2020-01-01', closedOn: '2021-06-01', name: ['Fivey', 'Years'] })).person.id;
  before = await rowsNaming(test, [ids.due, ids.merged]);
});
afterAll(() => test.close());

describe('retention, dry run', () => {
  it('lists exactly the people due, by id with their due dates and no names, and deletes nothing', async () => {
    const { code, text } = await run({ dryRun: true });
    expect(code).toBe(0);
    expect(text).toContain('People due: 2');
    expect(text).toContain(`person ${ids.due} due 2024-01-10 (last sign-up closed 2018-01-10)`);
    expect(text).toContain(`person ${ids.dueByContact} due 2025-05-05 (last contact 2019-05-05)`);
    for (const notDue of [ids.open, ids.recentContact, ids.fiveYears, ids.merged]) expect(text).not.toContain(notDue);
    for (const name of ['Duefull', 'Personson', 'Contacta', 'Openy']) expect(text).not.toContain(name);
    expect(text).toContain('dry run: nothing deleted');
    expect(await rowsNaming(test, [ids.due, ids.merged])).toEqual(before);
  });

  it('counts a person with recent contact from the contact, and one closed five years ago as not yet due', async () => {
    expect((await run({ dryRun: true, asOf: '2027-03-01' })).text).toContain(ids.recentContact);
    expect((await run({ dryRun: true, asOf: '2027-02-28' })).text).not.toContain(ids.recentContact);
    expect((await run({ dryRun: true, asOf: '2027-06-01' })).text).toContain(ids.fiveYears);
  });

  it('leaves the histories append-only outside retention: deleting a correction or a need’s history is refused', async () => {
    const db = test.database.db;
    await expect(db.deleteFrom('record_change').where('episode_id', '=', ids.dueEpisode).execute()).rejects.toThrow('record_change is append-only');
    await expect(sql`delete from need_status_change where need_id in (select id from need where episode_id = ${ids.dueEpisode})`.execute(db)).rejects.toThrow(
      'need_status_change is append-only',
    );
    await expect(db.updateTable('record_change').set({ reason: 'x' }).where('episode_id', '=', ids.dueEpisode).execute()).rejects.toThrow('append-only');
  });

  it('refuses an impossible --as-of date', async () => {
    await expect(run({ dryRun: true, asOf: '2026-02-31' })).rejects.toThrow('--as-of must be a date');
  });
});

describe('retention, deleting', () => {
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    // A table the retention code does not know of (in another schema, say a legal hold a DBA added)
    // holds on to one due person: their deletion fails, and must not undo the others'.
    // Made by the owner: on PostgreSQL the service's role may not create schemas (decision 0008).
    const db = test.database.ownerDb;
    const held = await buildSimpleRecord(test, { signedUpOn: '2011-01-01', closedOn: '2012-01-01', name: ['Heldy', 'Hold'] });
    ids.held = held.person.id;
    await sql`create schema retention_hold`.execute(db);
    await sql`create table retention_hold.hold (programme_id uuid not null, person_id uuid not null, foreign key (programme_id, person_id) references public.person (programme_id, id))`.execute(
      db,
    );
    await sql`insert into retention_hold.hold select programme_id, id from person where id = ${ids.held}`.execute(db);
    first = await run();
  });

  it('deletes every row of the person, in every table, merged records included', async () => {
    expect(Object.keys(before.tables)).toEqual(
      expect.arrayContaining([
        'person',
        'person_name',
        'prison_number',
        'person_merge',
        'episode',
        'assignment',
        'contact',
        'appointment',
        'pre_release_visit',
        'day_one_appointment',
        'need',
        'need_status_change',
        'assessment',
        'assessment_need',
        'plan_action',
        'outcome',
        'evidence_file',
        'job_start',
        'in_work_check',
        'training_place',
        'employability_activity',
        'distance_reading',
        'custody_return',
        'record_change',
      ]),
    );
    expect(first.text).toContain(`person ${ids.due} due 2024-01-10 (last sign-up closed 2018-01-10): deleted`);
    const after = await rowsNaming(test, [...before.ids]);
    expect(after.tables).toEqual({});
    const left = await test.database.db.selectFrom('distance_score').select('reading_id').execute();
    expect(left.map((row) => row.reading_id).filter((id) => before.ids.has(id))).toEqual([]);
  });

  it('takes the deleted sign-ups out of the engagement report’s rollup, which still agrees with the sign-ups held (decision 0009)', async () => {
    const { rows } = await sql<{ rolled: number; held: number }>`
      select (select coalesce(sum(sign_ups), 0)::int from engagement_rollup where dimension = 'total') as rolled,
        (select count(*)::int from episode) as held`.execute(test.database.db);
    expect(rows[0]?.rolled).toBe(rows[0]?.held);
    const months = await sql<{
      n: number;
    }>`select coalesce(sum(sign_ups), 0)::int as n from engagement_rollup_month where dimension = 'total' and month = '2017-01-01'`.execute(test.database.db);
    expect(months.rows[0]?.n).toBe(0);
  });

  it('leaves one audit event per deleted person, with no personal data', async () => {
    const events = await test.database.db.selectFrom('audit_event').selectAll().where('record_id', '=', ids.due).where('action', '=', 'delete').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      record_type: 'person',
      actor_user_id: null,
      actor_label: 'Retention (command line)',
      detail: { reason: 'retention', rule: 'person', years: 6 },
    });
    const written = JSON.stringify(events[0]);
    for (const personal of ['Duefull', 'Personson', '1984', '2018-01-10', '07700', 'Retention Row']) expect(written).not.toContain(personal);
    // The audit log still shows the events about the deleted record, and its deletion, naming no one.
    const log = await (await sessionAs(test, 'administrator')).get('/admin/audit');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('Retention (command line)');
    expect(log.body).not.toContain('Duefull');
  });

  it('keeps a pseudonymised statistics row per deleted sign-up, with nothing that leads back', async () => {
    const rows = await test.database.db.selectFrom('retained_statistic').selectAll().execute();
    const full = rows.find((row) => row.signed_up_month === '2017-01-01');
    expect(full).toMatchObject({
      closed_month: '2018-01-01',
      age_band: '31-40',
      gender: null,
      engaged: true,
      returned_to_custody: false,
      outcomes: { accommodation: 1 },
    });
    expect(full?.prison_id).toBeTruthy();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.person_pseudonym)).size).toBe(2);
    for (const row of rows) expect(before.ids.has(row.person_pseudonym)).toBe(false);
  });

  it('reports one person’s failure without undoing the others, and answers 1', async () => {
    expect(first.code).toBe(1);
    expect(first.text).toMatch(new RegExp(`person ${ids.held} due .*: failed, database error 23503`));
    expect(first.text).toContain(`person ${ids.dueByContact} due 2025-05-05 (last contact 2019-05-05): deleted`);
    expect(await test.database.db.selectFrom('person').select('id').where('id', '=', ids.held).executeTakeFirst()).toBeTruthy();
    expect(await test.database.db.selectFrom('person').select('id').where('id', '=', ids.dueByContact).executeTakeFirst()).toBeUndefined();
    for (const kept of [ids.open, ids.recentContact, ids.fiveYears]) {
      expect(await test.database.db.selectFrom('person').select('id').where('id', '=', kept).executeTakeFirst()).toBeTruthy();
    }
  });

  it('is idempotent: run again, it deletes nothing more and writes no more events or statistics', async () => {
    await sql`drop schema retention_hold cascade`.execute(test.database.ownerDb);
    const count = async () => ({
      events: (
        await test.database.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('actor_label', '=', 'Retention (command line)')
          .executeTakeFirstOrThrow()
      ).n,
      statistics: (
        await test.database.db
          .selectFrom('retained_statistic')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    });
    const second = await run();
    expect(second.text).toContain(`person ${ids.held}`);
    expect(second.code).toBe(0);
    const was = await count();
    const third = await run();
    expect(third.code).toBe(0);
    expect(third.text).toContain('People done: 0');
    expect(await count()).toEqual(was);
  });
});

describe('retention of evidence files, sooner than the record', () => {
  it('deletes a file uploaded longer ago than the programme keeps evidence, keeping the person, their sign-up and the outcome it proved', async () => {
    const open = await buildFullRecord(test, {
      name: ['Evidenta', 'Kept'],
      signedUpOn: '2023-01-01',
      closedOn: null,
      contactOn: '2024-02-01',
      uploadedAt: new Date('2024-03-01T12:00:00Z'),
    });
    const files = () =>
      test.database.db
        .selectFrom('evidence_file as f')
        .innerJoin('outcome as o', (join) => join.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.outcome_id'))
        .select(['f.id', 'o.id as outcomeId'])
        .where('o.episode_id', '=', open.episode.id)
        .execute();
    const [file] = await files();
    expect(file).toBeDefined();

    // Twelve months by default: a file uploaded on 1 March 2024 is due on 1 March 2025.
    expect((await run({ dryRun: true, asOf: '2025-02-28' })).text).not.toContain(file?.id);
    const result = await run({ asOf: '2025-03-01' });
    expect(result.text).toContain(file?.id);
    expect(await files()).toEqual([]);
    expect(await test.database.db.selectFrom('outcome').select('id').where('id', '=', file?.outcomeId ?? '').executeTakeFirst()).toBeTruthy();
    expect(await test.database.db.selectFrom('person').select('id').where('id', '=', open.person.id).executeTakeFirst()).toBeTruthy();
    const event = await test.database.db
      .selectFrom('audit_event')
      .select(['action', 'record_type', 'detail'])
      .where('record_id', '=', file?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'delete', record_type: 'evidence-file', detail: { reason: 'retention', rule: 'evidence' } });
    expect(JSON.stringify(event)).not.toContain('Evidenta');
  });
});
