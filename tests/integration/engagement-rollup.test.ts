import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInCtx } from '../../src/http/context.ts';
import { AGE_BANDS, bandOf, bandSql, MONTHS_OUT_OF_WORK_BANDS, PREVIOUS_SENTENCE_BANDS, SENTENCE_BANDS, VISIT_BANDS } from '../../src/modules/reports/bands.ts';
import type { EngagementFilter } from '../../src/modules/reports/engagement-filters.ts';
import { liveEngagement } from '../../src/modules/reports/engagement-report.ts';
import { readsRollup, rolledUpEngagement } from '../../src/modules/reports/engagement-rollup.ts';
import { generateSyntheticData } from '../../src/seed/synthetic/generate.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { buildTestApp, ctxAs, type TestApp } from '../support/test-app.ts';

/**
 * The engagement report for a period with no other filter reads the rollup the database keeps
 * (migration 0014); any other reads the sign-ups. Both must give the same figures, for any period,
 * and go on doing so as records are added, corrected, moved and removed.
 */
let test: TestApp;
let ctx: SignedInCtx;

const PERIODS: EngagementFilter[] = [
  {},
  { from: '2023-01-01', to: '2023-12-31' },
  { from: '2024-04-01', to: '2025-03-31' },
  { from: '2024-06-15' },
  { to: '2022-02-28' },
  { from: '2024-11-05', to: '2024-11-05' },
  { from: '2024-06-15', to: '2024-08-10' },
  { from: '2023-03-10', to: '2023-04-20' },
];

/** The figures of one path, in a form that does not depend on the order groups come back in. */
async function figures(path: typeof liveEngagement, filter: EngagementFilter) {
  const { counts, baseline } = await path({ ctx, filter });
  const sorted = (groups: { value: string | null }[]) => [...groups].sort((a, b) => String(a.value).localeCompare(String(b.value)));
  const groups = Object.fromEntries(Object.entries(counts.groups).map(([dimension, rows]) => [dimension, sorted(rows)]));
  const map = (counts: Map<string, number>) => Object.fromEntries([...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
  return { totals: counts.totals, groups, assessed: baseline.assessed, needs: map(baseline.needs), work: map(baseline.monthsOutOfWork) };
}

async function expectSameFigures() {
  for (const filter of PERIODS) {
    const live = await figures(liveEngagement, filter);
    expect(await figures(rolledUpEngagement, filter), JSON.stringify(filter)).toEqual(live);
  }
}

/**
 * The rollups (by day and by month) as kept by the triggers, sign-up by sign-up and change by change,
 * against those built again from the sign-ups as they are now, in one go (in a transaction rolled back).
 */
async function rollupDrift() {
  const nonZero = (table: string) => sql`select * from ${sql.table(table)} where (sign_ups, engaged, gate_met) <> (0, 0, 0)`;
  const differences = (a: string, b: string) => sql`((table ${sql.table(a)} except table ${sql.table(b)}) union all (table ${sql.table(b)} except table ${sql.table(a)}))`;
  let drift: number | undefined;
  const rolledBack = new Error('rolled back');
  await test.database.db
    .transaction()
    .execute(async (trx) => {
      await sql`create temp table kept_days on commit drop as ${nonZero('engagement_rollup')}`.execute(trx);
      await sql`create temp table kept_months on commit drop as ${nonZero('engagement_rollup_month')}`.execute(trx);
      await sql`delete from engagement_rollup`.execute(trx);
      await sql`delete from engagement_rollup_month`.execute(trx);
      await sql`select engagement_rollup_add(array(
        select row(e.programme_id, e.signed_up_on, e.person_gender, e.person_date_of_birth, e.sentence_months, e.previous_sentences,
          e.non_engagement_reason, e.pre_release_visits, e.baseline_needs, e.baseline_months_out_of_work, e.engaged, e.gate_status)::engagement_rollup_row
        from episode e), 1)`.execute(trx);
      await sql`create temp table rebuilt_days on commit drop as ${nonZero('engagement_rollup')}`.execute(trx);
      await sql`create temp table rebuilt_months on commit drop as ${nonZero('engagement_rollup_month')}`.execute(trx);
      const { rows } = await sql<{ n: number }>`
        select (select count(*) from ${differences('kept_days', 'rebuilt_days')} d)::int
          + (select count(*) from ${differences('kept_months', 'rebuilt_months')} m)::int as n`.execute(trx);
      drift = rows[0]?.n;
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  return drift;
}

beforeAll(async () => {
  test = await buildTestApp();
  await generateSyntheticData({ db: test.database.db, asOf: '2025-03-31', seed: 7, concurrency: 1, people: 200, chunkSize: 200 });
  ctx = await ctxAs(test, 'manager');
}, 300_000);

afterAll(async () => {
  await test?.close();
});

describe('the engagement rollup', () => {
  it('is read only when the report has no filter but the period', () => {
    expect(readsRollup({ from: '2024-01-01', to: '2024-12-31' })).toBe(true);
    expect(readsRollup({})).toBe(true);
    expect(readsRollup({ from: '2024-01-01', prisonId: '0190a1a4-0000-7000-8000-000000000001' })).toBe(false);
    expect(readsRollup({ ageBand: '21-30' })).toBe(false);
  });

  it('gives the same figures as the sign-ups themselves, for every period, on a generated programme', async () => {
    const everything = await figures(liveEngagement, {});
    expect(everything.totals.signUps).toBeGreaterThan(200);
    expect(everything.totals.people).toBeLessThan(everything.totals.signUps);
    await expectSameFigures();
    expect(await rollupDrift()).toBe(0);
  });

  it('keeps the same figures as sign-ups are added, engaged, corrected, moved, assessed and removed', async () => {
    const db = test.database.db;
    const person = await buildPerson(test, { gender: 'female', date_of_birth: '1990-02-01' });
    const first = await buildEpisode(test, { personId: person.id, signed_up_on: '2024-07-01', liberated_on: '2024-08-01', gate_status: 'met', previous_sentences: 2 });
    const second = await buildEpisode(test, { personId: person.id, signed_up_on: '2024-09-01', liberated_on: '2024-10-01', sentence_months: 30 });
    const contact = await buildContact(test, { episodeId: second.id, contactOn: '2024-10-02' });
    await expectSameFigures();

    // A correction to the person's gender and date of birth reaches their sign-ups' copies.
    await db.updateTable('person').set({ gender: 'male', date_of_birth: '1999-12-31' }).where('id', '=', person.id).execute();
    // A sign-up's date corrected to before the person's other one changes which is first.
    await db.updateTable('episode').set({ signed_up_on: '2024-06-01' }).where('id', '=', second.id).execute();
    await expectSameFigures();

    // The contact entered in error: the sign-up is no longer engaged.
    await db.updateTable('contact').set({ entered_in_error_at: new Date(), entered_in_error_reason: 'Wrong person' }).where('id', '=', contact.id).execute();
    // Two assessments: the earlier is the baseline, with its needs and months out of work.
    const [later, earlier] = (await db
      .insertInto('assessment')
      .values([
        { programme_id: person.programme_id, episode_id: first.id, assessed_on: '2024-07-20', months_out_of_work: 3 },
        { programme_id: person.programme_id, episode_id: first.id, assessed_on: '2024-07-02', months_out_of_work: 30 },
      ])
      .returning('id')
      .execute()).map((row) => row.id);
    await db
      .insertInto('assessment_need')
      .values([
        { programme_id: person.programme_id, assessment_id: earlier as string, episode_id: first.id, domain: 'accommodation', status: 'not_started' },
        { programme_id: person.programme_id, assessment_id: later as string, episode_id: first.id, domain: 'finance', status: 'not_started' },
      ])
      .execute();
    await expectSameFigures();
    const baseline = await db.selectFrom('episode').select(['baseline_needs', 'baseline_months_out_of_work']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(baseline).toEqual({ baseline_needs: ['accommodation'], baseline_months_out_of_work: 30 });

    // Another person's sign-ups moved onto this one (as a merge does), then one removed (as undoing an import does).
    const other = await buildPerson(test, { gender: null, date_of_birth: null });
    const moved = await buildEpisode(test, { personId: other.id, signed_up_on: '2024-06-01' });
    await db.updateTable('episode').set({ person_id: person.id }).where('id', '=', moved.id).execute();
    await expectSameFigures();
    await db.deleteFrom('episode').where('id', '=', moved.id).execute();
    await expectSameFigures();
    expect(await rollupDrift()).toBe(0);
  });
});

describe('bands', () => {
  it('are the same in the application as in the database, value by value', async () => {
    const bandings = [AGE_BANDS, SENTENCE_BANDS, PREVIOUS_SENTENCE_BANDS, VISIT_BANDS, MONTHS_OUT_OF_WORK_BANDS];
    const values = [null, 0, 1, 2, 4, 5, 5.5, 6, 10, 11, 12, 15, 16, 20, 21, 24, 24.5, 25, 30, 31, 40, 41, 99];
    for (const banding of bandings) {
      for (const value of values) {
        const { rows } = await sql<{ band: string }>`select ${bandSql(sql<number | null>`${value}::numeric`, banding)} as band`.execute(test.database.db);
        expect(bandOf(value, banding), `${value} in ${banding.bands[0]?.code}`).toBe(rows[0]?.band);
      }
    }
  });
});
