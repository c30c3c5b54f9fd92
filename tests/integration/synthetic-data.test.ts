import { runThroughcare } from '../support/command-line.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { normalisePrisonNumber, searchKey } from '../../src/modules/people/names.ts';
import { addReturnsToExistingData } from '../../src/seed/synthetic/custody-returns-added.ts';
import { generateSyntheticData, type GenerateSummary } from '../../src/seed/synthetic/generate.ts';
import { TABLES } from '../../src/seed/synthetic/insert.ts';
import { buildTestApp, demoUser, type TestApp } from '../support/test-app.ts';

const AS_OF = '2025-03-31';
const PEOPLE = 600;
const API_TOKEN = 'tc_synthetic_data_analyst';

let first: TestApp;
let second: TestApp;
let summary: GenerateSummary;

function generate(test: TestApp, options: { people: number; chunkSize: number; seed?: number }) {
  const concurrency = test.database.kind === 'postgres' ? 2 : 1;
  return generateSyntheticData({ db: test.database.db, asOf: AS_OF, seed: 42, concurrency, ...options });
}

async function rows<T>(test: TestApp, query: string): Promise<T[]> {
  return (await sql<T>`${sql.raw(query)}`.execute(test.database.db)).rows;
}

async function value(test: TestApp, query: string): Promise<number> {
  const [row] = await rows<{ value: number | string | null }>(test, query);
  return Number(row?.value);
}

/** What would make the return-to-custody extract wrong: admissions linked to the wrong liberation, people both back and not back... */
async function extractProblems(test: TestApp, contacts: 'contact' | 'happened contact') {
  const outcomes = contacts === 'contact' ? "'happened', 'no_answer', 'did_not_attend'" : "'happened'";
  const problems = await rows<{ problem: string; value: number }>(
    test,
    `select 'admission after the extract' as problem, count(*) as value from custody_return where admitted_on > date '${AS_OF}'
     union all select 'admission not linked to the latest liberation on or before it', count(*) from custody_return r left join episode e on e.id = r.episode_id
       where r.admitted_on is not null and (e.liberated_on is null or e.liberated_on > r.admitted_on or exists (
         select 1 from episode l where l.person_id = r.person_id and l.liberated_on > e.liberated_on and l.liberated_on <= r.admitted_on))
       and exists (select 1 from episode l where l.person_id = r.person_id and l.liberated_on <= r.admitted_on)
     union all select 'admission of someone never liberated, after one', count(*) from custody_return r
       where r.episode_id is null and exists (select 1 from episode l where l.person_id = r.person_id and l.liberated_on is not null)
     union all select 'not back, yet admitted since the latest liberation', count(*) from custody_return r join episode e on e.id = r.episode_id
       where r.admitted_on is null and exists (select 1 from custody_return a where a.person_id = r.person_id and a.admitted_on >= e.liberated_on)
     union all select 'liberated, not in the extract', count(*) from episode e
       where e.liberated_on is not null and not exists (select 1 from custody_return r where r.person_id = e.person_id)
     union all select 'closed as returned to custody, with no admission that day', count(*) from episode e where e.closure_reason = 'returned_to_custody'
       and not exists (select 1 from custody_return r where r.episode_id = e.id and r.admitted_on = e.closed_on)
     union all select 'contact after the return', count(*) from contact c join custody_return r on r.episode_id = c.episode_id where c.contact_on >= r.admitted_on and c.outcome in (${outcomes})`,
  );
  return problems.filter((p) => Number(p.value) > 0);
}

/** The share of liberations with a whole year behind them that were followed by an admission within it. */
function backWithinYear(test: TestApp): Promise<number> {
  return value(
    test,
    `select avg((exists (select 1 from custody_return r where r.episode_id = e.id and r.admitted_on <= e.liberated_on + 365))::int) as value
     from episode e where e.liberated_on <= date '${AS_OF}' - 365`,
  );
}

beforeAll(async () => {
  first = await buildTestApp();
  second = await buildTestApp();
  summary = await generate(first, { people: PEOPLE, chunkSize: 140 });
  await generate(second, { people: PEOPLE, chunkSize: PEOPLE });
  const analyst = await demoUser(first, 'analyst');
  await first.database.db
    .insertInto('api_token')
    .values({ programme_id: analyst.programme_id, user_id: analyst.id, name: 'synthetic data test', token_hash: hashSecret(API_TOKEN), created_by: analyst.id })
    .execute();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

/** The parts of GET /api/v1/reports/outcomes these tests read. */
interface OutcomesJson {
  hardOutcomes: { engagedSignUps: number; rows: { category: string; signUps: { count: number; percent: number | null } }[] };
  outcomesByType: { type: string; outcomes: number }[];
  employment: { handOvers: { count: number }; jobStarts: { count: number }; sustained: { week: number; due: number; inWork: number }[] };
  distanceTravelled: { readings: number; areas: { area: string; meanFirst: number | null; meanLatest: number | null }[]; reoffending: { answer: string; readings: number }[] };
}

describe('synthetic data (throughcare generate)', () => {
  it('has the shape of the evaluation: returning people, engagement, contacts, who the clients are', async () => {
    expect(summary.rows.person).toBe(PEOPLE);
    const signUpsPerPerson = await value(first, 'select count(*)::float / (select count(*) from person) as value from episode');
    expect(signUpsPerPerson).toBeGreaterThanOrEqual(1.05);
    expect(signUpsPerPerson).toBeLessThanOrEqual(1.3);
    const engagedShare = await value(
      first,
      'select avg(ee.engaged::int) as value from episode e join episode_engagement ee on ee.episode_id = e.id where e.liberated_on is not null',
    );
    expect(engagedShare).toBeGreaterThanOrEqual(0.35);
    expect(engagedShare).toBeLessThanOrEqual(0.65);
    const [contacts] = await rows<{ mean: number; most: number }>(
      first,
      `select avg(n)::float as mean, max(n) as most from (
         select count(c.id) as n from episode_engagement ee join contact c on c.episode_id = ee.episode_id where ee.engaged group by ee.episode_id) per_sign_up`,
    );
    expect(contacts?.mean).toBeGreaterThanOrEqual(5);
    expect(contacts?.mean).toBeLessThanOrEqual(50);
    expect(contacts?.most).toBeLessThanOrEqual(50);
    expect(await value(first, "select count(*) as value from contact where outcome = 'no_answer'")).toBeGreaterThan(0);
    const male = await value(first, "select avg((gender = 'male')::int) as value from person");
    expect(male).toBeGreaterThan(0.85);
    expect(male).toBeLessThan(0.99);
    const aged21to40 = await value(first, "select avg((extract(year from age(e.signed_up_on, p.date_of_birth)) between 21 and 40)::int) as value from episode e join person p on p.id = e.person_id");
    expect(aged21to40).toBeGreaterThan(0.6);
    const sentence6to24 = await value(first, 'select avg((sentence_months between 6 and 24)::int) as value from episode');
    expect(sentence6to24).toBeGreaterThan(0.5);
    expect(sentence6to24).toBeLessThan(0.8);
  });

  it('gives every person a searchable name, a normalised prison number and the same number on each sign-up', async () => {
    const names = await rows<{ person_id: string; first_name: string; last_name: string; search_key: string; is_alias: boolean; own: boolean }>(
      first,
      `select n.person_id, n.first_name, n.last_name, n.search_key, n.is_alias, (n.first_name = p.first_name and n.last_name = p.last_name) as own
       from person_name n join person p on p.id = n.person_id`,
    );
    for (const name of names) expect(name.search_key).toBe(searchKey(name.first_name, name.last_name));
    const ownNames = names.filter((name) => !name.is_alias && name.own);
    expect(new Set(ownNames.map((name) => name.person_id)).size).toBe(PEOPLE);
    expect(ownNames).toHaveLength(PEOPLE);
    expect(names.some((name) => name.last_name.startsWith('Mc') || name.last_name.startsWith('Mac'))).toBe(true);
    const numbers = await rows<{ number: string }>(first, 'select number from prison_number');
    expect(numbers).toHaveLength(PEOPLE);
    for (const { number } of numbers) expect(number).toBe(normalisePrisonNumber(number));
    expect(await value(first, 'select count(*) as value from episode e where not exists (select 1 from prison_number n where n.person_id = e.person_id and n.number = e.prison_number)')).toBe(0);
  });

  it('keeps the journey in order: sign-up, visits, liberation, contacts, closure; one sign-up at a time', async () => {
    const problems = await rows<{ problem: string; value: number }>(
      first,
      `select 'sentenced after sign-up' as problem, count(*) as value from episode where sentenced_on > signed_up_on
       union all select 'liberated before sign-up', count(*) from episode where liberated_on < signed_up_on
       union all select 'liberated after today', count(*) from episode where liberated_on > date '${AS_OF}'
       union all select 'closed before liberation or unliberated', count(*) from episode where closed_on is not null and (liberated_on is null or closed_on < liberated_on)
       union all select 'closed after today', count(*) from episode where closed_on > date '${AS_OF}'
       union all select 'closure reason without closure', count(*) from episode where (closed_on is null) <> (closure_reason is null)
       union all select 'contact outside support', count(*) from contact c join episode e on e.id = c.episode_id
         where e.liberated_on is null or c.contact_on < e.liberated_on or c.contact_on > coalesce(e.closed_on, date '${AS_OF}')
       union all select 'visit outside custody', count(*) from pre_release_visit v join episode e on e.id = v.episode_id
         where v.visited_on < e.signed_up_on or v.visited_on >= coalesce(e.liberated_on, 'infinity') or v.visited_on > date '${AS_OF}'
       union all select 'overlapping sign-ups', count(*) from episode a join episode b on b.person_id = a.person_id and b.signed_up_on > a.signed_up_on
         where a.closed_on is null or a.closed_on > b.signed_up_on
       union all select 'reason for not engaging on an engaged sign-up', count(*) from episode e join episode_engagement ee on ee.episode_id = e.id
         where e.non_engagement_reason is not null and (ee.engaged or e.liberated_on is null)`,
    );
    expect(problems.filter((p) => Number(p.value) > 0)).toEqual([]);
    expect(await value(first, "select count(*) as value from episode where liberated_on is null and expected_liberation_on between date '2025-03-31' and date '2025-03-31' + 42")).toBeGreaterThan(0);
    expect(await value(first, 'select count(*) as value from episode where closed_on is not null')).toBeGreaterThan(0);
    expect(await value(first, 'select count(*) as value from episode where non_engagement_reason is not null')).toBeGreaterThan(0);
    expect(await value(first, 'select count(*) as value from day_one_appointment')).toBeGreaterThan(0);
  });

  it("records needs from the programme's domains with their history, an assessment and a plan", async () => {
    const problems = await rows<{ problem: string; value: number }>(
      first,
      `select 'unknown domain' as problem, count(*) as value from need n
         where not exists (select 1 from choice c where c.programme_id = n.programme_id and c.list = 'need_domain' and c.code = n.domain)
       union all select 'history not starting with not_started', count(*) from need n
         where (select s.status from need_status_change s where s.need_id = n.id order by s.changed_at, s.id limit 1) is distinct from 'not_started'
       union all select 'latest history entry not the status', count(*) from need n
         where (select s.status from need_status_change s where s.need_id = n.id order by s.changed_at desc, s.id desc limit 1) is distinct from n.status
       union all select 'need without assessment', count(*) from need n where not exists (select 1 from assessment a where a.episode_id = n.episode_id)`,
    );
    expect(problems.filter((p) => Number(p.value) > 0)).toEqual([]);
    expect(await value(first, 'select count(*) as value from plan_action')).toBeGreaterThan(0);
    expect(await value(first, 'select avg((months_out_of_work >= 12)::int) as value from assessment where months_out_of_work is not null')).toBeGreaterThan(0.5);
  });

  it('gives engaged sign-ups outcomes the outcomes report counts like the evaluation: about 19% a hard outcome, 5% a job', async () => {
    const response = await first.app.inject({ method: 'GET', url: '/api/v1/reports/outcomes', headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(response.statusCode).toBe(200);
    const report = response.json<OutcomesJson>();
    const hard = Object.fromEntries(report.hardOutcomes.rows.map((row) => [row.category, row.signUps]));
    expect(report.hardOutcomes.engagedSignUps).toBeGreaterThan(200);
    expect(hard.any?.percent).toBeGreaterThanOrEqual(13);
    expect(hard.any?.percent).toBeLessThanOrEqual(26);
    expect(hard.employment?.percent).toBeGreaterThanOrEqual(2);
    expect(hard.employment?.percent).toBeLessThanOrEqual(10);
    // Benefits, accommodation and health or addiction services are the commonest; debt is rare.
    const outcomes = (type: string) => report.outcomesByType.find((row) => row.type === type)?.outcomes ?? 0;
    const debt = outcomes('debt');
    expect(outcomes('benefits')).toBeGreaterThan(debt);
    expect(outcomes('accommodation')).toBeGreaterThan(debt);
    expect(outcomes('health_service') + outcomes('addiction_service')).toBeGreaterThan(2 * debt);
    expect(outcomes('benefits')).toBeGreaterThan(outcomes('training'));
    const { employment } = report;
    expect(employment.jobStarts.count).toBeGreaterThan(0);
    expect(employment.handOvers.count).toBeGreaterThan(employment.jobStarts.count);
    const [thirteen, twentySix] = employment.sustained.map((check) => ({ ...check, share: check.inWork / check.due }));
    expect(thirteen?.week).toBe(13);
    expect(thirteen?.share).toBeGreaterThan(0.6);
    expect(thirteen?.share).toBeLessThan(0.95);
    expect(twentySix?.inWork).toBeLessThanOrEqual(thirteen?.inWork ?? 0);
    const distance = report.distanceTravelled;
    expect(distance.areas).toHaveLength(10);
    for (const area of distance.areas) expect([area.area, (area.meanLatest ?? 0) > (area.meanFirst ?? 10)]).toEqual([area.area, true]);
    const saidNo = distance.reoffending.find((row) => row.answer === 'no')?.readings ?? 0;
    expect(saidNo / distance.readings).toBeGreaterThan(0.8);
    const readShare = await value(
      first,
      'select avg((exists (select 1 from distance_reading d where d.episode_id = e.id))::int) as value from episode e join episode_engagement ee on ee.episode_id = e.id where ee.engaged',
    );
    expect(readShare).toBeGreaterThan(0.35);
    expect(readShare).toBeLessThan(0.65);
  });

  it('dates impact evidence after liberation, within support and never after the day it runs up to; a job outcome always has its record', async () => {
    const within = (table: string, column: string) =>
      `select '${table} outside support' as problem, count(*) as value from ${table} r join episode e on e.id = r.episode_id join episode_engagement ee on ee.episode_id = e.id
         where not ee.engaged or r.${column} < e.liberated_on or r.${column} > least(coalesce(e.closed_on, date '${AS_OF}'), date '${AS_OF}')`;
    const problems = await rows<{ problem: string; value: number }>(
      first,
      [
        within('outcome', 'achieved_on'),
        within('job_start', 'started_on'),
        within('in_work_check', 'checked_on'),
        within('employability_activity', 'started_on'),
        within('distance_reading', 'read_on'),
        `select 'verified after the day it runs up to', count(*) from outcome where verified_at::date > date '${AS_OF}'`,
        `select 'hand-over outside support', count(*) from assignment a join episode e on e.id = a.episode_id
           where a.part = 'employment_consultant' and (a.from_on < e.liberated_on or a.from_on > date '${AS_OF}')`,
        `select 'job start outcome without its job start', count(*) from outcome o
           where o.outcome_type = 'job_start' and not exists (select 1 from job_start j where j.outcome_id = o.id and j.started_on = o.achieved_on and j.episode_id = o.episode_id)`,
        `select 'job start without its outcome', count(*) from job_start j left join outcome o on o.id = j.outcome_id where o.outcome_type is distinct from 'job_start'`,
        `select 'sustained job without an in-work check', count(*) from outcome o
           where o.outcome_type = 'sustained_job' and not exists (select 1 from in_work_check c where c.outcome_id = o.id and c.in_work and c.checked_on = o.achieved_on)`,
        `select 'check before it opens or of another sign-up', count(*) from in_work_check c join job_start j on j.id = c.job_start_id
           where c.checked_on < j.started_on + 7 * c.check_week - 14 or c.episode_id <> j.episode_id`,
        `select 'left without when and why, or left with an outcome', count(*) from in_work_check c
           where not c.in_work and (c.left_on is null or c.left_reason is null or c.outcome_id is not null or c.left_on > c.checked_on)`,
        `select 'job start without a hand-over before it', count(*) from job_start j
           where not exists (select 1 from assignment a join app_user u on u.id = a.worker_id join episode e on e.id = a.episode_id
             where a.episode_id = j.episode_id and a.part = 'employment_consultant' and a.from_on <= j.started_on
               and u.role = 'employment_consultant' and u.team_id is not distinct from e.team_id)`,
        `select 'reading without a score in every area', count(*) from distance_reading d
           where (select count(*) from distance_score s where s.reading_id = d.id) <> (select count(*) from choice c where c.programme_id = d.programme_id and c.list = 'distance_area')`,
        `select 'worker score the same as the client''s', count(*) from distance_score where worker_score = client_score`,
      ].join(' union all '),
    );
    expect(problems.filter((p) => Number(p.value) > 0)).toEqual([]);
    for (const table of ['outcome', 'job_start', 'in_work_check', 'employability_activity', 'distance_reading', 'distance_score']) {
      expect([table, (await value(first, `select count(*) as value from ${table}`)) > 0]).toEqual([table, true]);
    }
  });

  it('verifies most outcomes, by the team leader where the team has one; some wait to be verified and a few are rejected with a reason', async () => {
    const counts = Object.fromEntries(
      (await rows<{ verification: string; value: number }>(first, 'select verification, count(*)::int as value from outcome group by verification')).map((row) => [row.verification, Number(row.value)]),
    );
    const total = (counts.verified ?? 0) + (counts.unverified ?? 0) + (counts.rejected ?? 0);
    expect((counts.verified ?? 0) / total).toBeGreaterThan(0.7);
    expect(counts.unverified).toBeGreaterThan(0);
    expect(counts.rejected).toBeGreaterThan(0);
    expect(await value(first, "select count(*) as value from outcome where verification = 'rejected' and rejection_reason is null")).toBe(0);
    const verifiers = await rows<{ role: string | null; team_has_leader: boolean }>(
      first,
      `select distinct u.role, exists (select 1 from app_user l where l.role = 'team_leader' and l.team_id = e.team_id) as team_has_leader
       from outcome o join episode e on e.id = o.episode_id left join app_user u on u.id = o.verified_by where o.verification <> 'unverified'`,
    );
    expect(verifiers).toContainEqual({ role: 'team_leader', team_has_leader: true });
    expect(verifiers.filter((v) => (v.role === 'team_leader') !== v.team_has_leader)).toEqual([]);
  });

  it("shares sign-ups between the team's life coaches, the demo coaches among them", async () => {
    const misallocated = await value(
      first,
      `select count(*) as value from episode e
       where ${['prison_life_coach', 'community_life_coach']
         .map(
           (part) => `not exists (select 1 from assignment a join app_user u on u.id = a.worker_id
             where a.episode_id = e.id and a.part = '${part}' and a.to_on is null and u.role = '${part}' and u.team_id is not distinct from e.team_id)`,
         )
         .join(' or ')}`,
    );
    expect(misallocated).toBe(0);
    expect(await value(first, "select count(*) as value from app_user where email like '%@synthetic.example'")).toBe(summary.staffCreated);
    expect(summary.staffCreated).toBeGreaterThan(0);
    const consultantsPerTeam = await rows<{ team: string; value: number }>(
      first,
      "select t.name as team, count(u.id)::int as value from team t left join app_user u on u.team_id = t.id and u.role = 'employment_consultant' group by t.name",
    );
    for (const team of consultantsPerTeam) expect([team.team, Number(team.value) >= 2]).toEqual([team.team, true]);
    expect(await value(first, "select count(*) as value from app_user where role = 'employment_consultant' and email like 'consultant%@synthetic.example'")).toBeGreaterThan(0);
    const demoCaseload = await value(
      first,
      "select count(*) as value from assignment a join app_user u on u.id = a.worker_id where a.part = 'community_life_coach' and u.email = 'community.coach@roop.example'",
    );
    expect(demoCaseload).toBeGreaterThan(0);
  });

  it("writes the prison service's extract: returns (some a second time) linked to the liberation before them, and who is not back", async () => {
    const [extract] = await rows<{ admissions: number; not_back: number; other_day: number; returned_twice: number }>(
      first,
      `select count(*) filter (where admitted_on is not null)::int as admissions, count(*) filter (where admitted_on is null)::int as not_back,
         count(*) filter (where checked_on <> date '${AS_OF}')::int as other_day,
         (select count(*)::int from (select person_id from custody_return where admitted_on is not null group by person_id having count(*) > 1) twice) as returned_twice
       from custody_return`,
    );
    expect(extract?.admissions).toBeGreaterThan(100);
    expect(extract?.not_back).toBeGreaterThan(100);
    expect(extract?.returned_twice).toBeGreaterThan(0);
    expect(extract?.other_day).toBe(0);
    expect(await extractProblems(first, 'contact')).toEqual([]);
    // About 42% of liberations with a whole year behind them are followed by an admission within it.
    const back = await backWithinYear(first);
    expect(back).toBeGreaterThan(0.3);
    expect(back).toBeLessThan(0.55);
  });

  it('gives the same data for the same seed, however it is chunked', async () => {
    for (const table of TABLES) {
      const query = `select count(*) as value from ${table}`;
      expect([table, await value(second, query)]).toEqual([table, await value(first, query)]);
    }
    const fingerprint = `select p.first_name, p.last_name, p.date_of_birth, e.signed_up_on, e.liberated_on, e.closed_on, e.sentence_months, e.previous_sentences,
        (select count(*) from contact c where c.episode_id = e.id) as contacts,
        (select string_agg(o.outcome_type || ' ' || o.achieved_on || ' ' || o.verification, ', ' order by o.achieved_on, o.outcome_type) from outcome o where o.episode_id = e.id) as outcomes,
        (select string_agg(d.read_on || ' ' || s.area || ' ' || s.client_score, ', ' order by d.read_on, s.area) from distance_reading d join distance_score s on s.reading_id = d.id where d.episode_id = e.id) as readings,
        (select string_agg(coalesce(r.admitted_on::text, 'not back'), ', ' order by r.admitted_on) from custody_return r where r.episode_id = e.id) as returns
      from person p join episode e on e.person_id = p.id
      order by p.date_of_birth, p.last_name, p.first_name, e.signed_up_on`;
    expect(await rows(second, fingerprint)).toEqual(await rows(first, fingerprint));
  });

  it('adds to a database that already has synthetic data without clashing', async () => {
    const before = await value(second, 'select count(*) as value from person');
    const again = await generate(second, { people: 40, chunkSize: 40, seed: 43 });
    expect(again.staffCreated).toBe(0);
    expect(await value(second, 'select count(*) as value from person')).toBe(before + 40);
  });

  it('adds the extract to data generated before the generator wrote it, from the liberations and later sign-ups the data holds', async () => {
    // As a database generated before: no extract yet.
    await sql`delete from custody_return`.execute(second.database.db);
    const added = await addReturnsToExistingData(second.database.db);
    expect(added.asOf).toBe(AS_OF);
    const liberations = await value(second, 'select count(*) as value from episode where liberated_on is not null');
    const neverLiberated = await value(second, 'select count(*) as value from custody_return where episode_id is null');
    expect(added.rows).toBe(liberations + neverLiberated);
    expect(await extractProblems(second, 'happened contact')).toEqual([]);
    const nextSentence = await value(
      second,
      `select count(*) as value from episode e join lateral (select n.sentenced_on from episode n where n.person_id = e.person_id and n.signed_up_on > e.signed_up_on
         order by n.signed_up_on limit 1) n on true
       where e.liberated_on is not null and not exists (select 1 from custody_return r where r.episode_id = e.id and r.admitted_on = n.sentenced_on)`,
    );
    expect(nextSentence).toBe(0);
    const back = await backWithinYear(second);
    expect(back).toBeGreaterThan(0.3);
    expect(back).toBeLessThan(0.6);
  });

  it('is refused in production', async () => {
    const run = await runThroughcare(['generate', '--people', '1'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere', RESEARCH_PSEUDONYM_KEY: 'k'.repeat(32) },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('never generated in production');
  });
});
