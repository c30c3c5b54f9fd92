import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePrisonNumber, searchKey } from '../../src/modules/people/names.ts';
import { generateSyntheticData, type GenerateSummary } from '../../src/seed/synthetic/generate.ts';
import { TABLES } from '../../src/seed/synthetic/insert.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

const AS_OF = '2025-03-31';
const PEOPLE = 300;

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

beforeAll(async () => {
  first = await buildTestApp();
  second = await buildTestApp();
  summary = await generate(first, { people: PEOPLE, chunkSize: 70 });
  await generate(second, { people: PEOPLE, chunkSize: PEOPLE });
});
afterAll(async () => {
  await first.close();
  await second.close();
});

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
    expect(await value(first, "select count(*) as value from app_user where email like 'coach%@synthetic.example'")).toBe(summary.staffCreated);
    expect(summary.staffCreated).toBeGreaterThan(0);
    const demoCaseload = await value(
      first,
      "select count(*) as value from assignment a join app_user u on u.id = a.worker_id where a.part = 'community_life_coach' and u.email = 'community.coach@roop.example'",
    );
    expect(demoCaseload).toBeGreaterThan(0);
  });

  it('gives the same data for the same seed, however it is chunked', async () => {
    for (const table of TABLES) {
      const query = `select count(*) as value from ${table}`;
      expect([table, await value(second, query)]).toEqual([table, await value(first, query)]);
    }
    const fingerprint = `select p.first_name, p.last_name, p.date_of_birth, e.signed_up_on, e.liberated_on, e.closed_on, e.sentence_months, e.previous_sentences,
        (select count(*) from contact c where c.episode_id = e.id) as contacts
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

  it('is refused in production', () => {
    const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'generate', '--people', '1'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere', RESEARCH_PSEUDONYM_KEY: 'k'.repeat(32) },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('never generated in production');
  });
});
