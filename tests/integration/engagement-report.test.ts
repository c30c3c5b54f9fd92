import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContact, buildEpisode, buildPerson, buildVisit, userIdByEmail } from '../support/journey.ts';
import type { Role } from '../../src/modules/auth/roles.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { pageTable, rowsOf } from '../support/report-pages.ts';
import { attachmentOf, openXlsx, sheetCells, sheetNamed, XLSX_TYPE } from '../support/spreadsheets.ts';
import ExcelJS from 'exceljs';

/**
 * The engagement report against records built one by one, so that every figure can be counted by
 * hand. Each scenario lives in its own year, and the report is asked for that year.
 */
let test: TestApp;
let manager: Browser;
const ids: Record<string, string> = {};

const YEAR_2010 = 'from-day=1&from-month=1&from-year=2010&to-day=31&to-month=12&to-year=2010';

async function idOf(table: 'prison' | 'team' | 'area' | 'local_authority', name: string) {
  return (await test.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function visits(episodeId: string, count: number) {
  for (let n = 1; n <= count; n += 1) await buildVisit(test, { episodeId, visitedOn: '2009-12-01' });
}

/**
 * 2010: four people, five sign-ups. P1 signs up twice (aged 30, then 31); a record merged into P1
 * (with no sign-ups of its own: they belong to the kept record), another programme's sign-up and sign-ups a day either side of the year are not counted.
 */
async function build2010() {
  ids.jamie = await userIdByEmail(test, 'community.coach@roop.example');
  ids.morag = await userIdByEmail(test, 'prison.coach@roop.example');
  const p1 = await buildPerson(test, { gender: 'male', date_of_birth: '1979-03-15', local_authority_id: await idOf('local_authority', 'Glasgow City') });
  const e1a = await buildEpisode(test, {
    personId: p1.id, signed_up_on: '2010-01-01', liberated_on: '2010-03-10', gate_status: 'met', sentence_months: 12, previous_sentences: 0, non_engagement_reason: 'declined',
  });
  await buildContact(test, { episodeId: e1a.id, contactOn: '2010-03-09' });
  await visits(e1a.id, 2);
  const e1b = await buildEpisode(test, {
    personId: p1.id, signed_up_on: '2010-06-01', liberated_on: '2010-07-01', gate_status: 'declined', sentence_months: 30, previous_sentences: 1, workers: { community_life_coach: ids.jamie },
  });
  await buildContact(test, { episodeId: e1b.id, contactOn: '2010-07-01' });
  await visits(e1b.id, 1);

  const p2 = await buildPerson(test, { gender: 'female', date_of_birth: '1990-05-01', local_authority_id: await idOf('local_authority', 'North Lanarkshire') });
  const e2 = await buildEpisode(test, { personId: p2.id, signed_up_on: '2010-04-30', liberated_on: '2010-05-20', gate_status: 'missed', sentence_months: 6, previous_sentences: 4 });
  await buildContact(test, { episodeId: e2.id, contactOn: '2010-05-25', outcome: 'no_answer' });
  await buildEpisode(test, { personId: p2.id, signed_up_on: '2009-12-31' });

  const p3 = await buildPerson(test, { gender: null, date_of_birth: null });
  const e3 = await buildEpisode(test, { personId: p3.id, signed_up_on: '2010-09-01', sentence_months: 5.5, previous_sentences: 11, non_engagement_reason: 'not_contactable' });
  await visits(e3.id, 3);
  await buildEpisode(test, { personId: p3.id, signed_up_on: '2011-01-01' });

  const p4 = await buildPerson(test, { gender: 'male', date_of_birth: '1969-12-31', teamName: 'Lanarkshire team' });
  const e4 = await buildEpisode(test, {
    personId: p4.id, signed_up_on: '2010-12-31', liberated_on: '2011-01-10', gate_status: 'met', sentence_months: 24, previous_sentences: 5,
    prisonName: 'Polmont', teamName: 'Lanarkshire team', workers: { prison_life_coach: ids.morag },
  });
  await buildContact(test, { episodeId: e4.id, contactOn: '2011-01-15' });
  await visits(e4.id, 2);

  ids.merged = (await buildPerson(test, { gender: 'female', merged_into: p1.id })).id;
  ids.p4 = p4.id;

  const db = test.database.db;
  const other = await db.insertInto('programme').values({ slug: 'other', name: 'Another programme' }).returning('id').executeTakeFirstOrThrow();
  const prison = await db.insertInto('prison').values({ programme_id: other.id, name: 'Elsewhere', code: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('choice').values({ programme_id: other.id, list: 'gender', code: 'male', label: 'Male' }).execute();
  const stranger = await db
    .insertInto('person')
    .values({ programme_id: other.id, first_name: 'Other', last_name: 'Person', date_of_birth: null, gender: 'male', local_authority_id: null, phone: null, email: null, address: null, risk_note: null, team_id: null, merged_into: null, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('episode')
    .values({ programme_id: other.id, person_id: stranger.id, prison_id: prison.id, sentence_months: 12, signed_up_on: '2010-06-01', prison_number: null, sentenced_on: null, expected_liberation_on: null, eligibility_override_reason: null, eligibility_override_by: null, team_id: null, liberated_on: null, liberation_type: null, gate_status: null, gate_notes: null, non_engagement_reason: null, non_engagement_note: null, closed_on: null, closure_reason: null, closure_note: null })
    .execute();
}

/** 2012: the edge of engagement. Only a contact that happened on or after liberation day counts. */
async function build2012() {
  const person = await buildPerson(test);
  const dayBefore = await buildEpisode(test, { personId: person.id, signed_up_on: '2012-01-10', liberated_on: '2012-02-10' });
  await buildContact(test, { episodeId: dayBefore.id, contactOn: '2012-02-09' });
  const onTheDay = await buildEpisode(test, { personId: person.id, signed_up_on: '2012-03-10', liberated_on: '2012-04-10' });
  await buildContact(test, { episodeId: onTheDay.id, contactOn: '2012-04-10' });
  const attempted = await buildEpisode(test, { personId: person.id, signed_up_on: '2012-05-10', liberated_on: '2012-06-10' });
  await buildContact(test, { episodeId: attempted.id, contactOn: '2012-06-11', outcome: 'no_answer' });
  await buildContact(test, { episodeId: attempted.id, contactOn: '2012-06-12', outcome: 'did_not_attend' });
}

/** 2013: a reason (no longer offered) whose code and name would be a formula in a spreadsheet. */
async function build2013() {
  const person = await buildPerson(test);
  const formula = '=HYPERLINK("http://evil.example","x")';
  await test.database.db.insertInto('choice').values({ programme_id: person.programme_id, list: 'non_engagement_reason', code: formula, label: formula, active: false }).execute();
  await buildEpisode(test, { personId: person.id, signed_up_on: '2013-05-01', non_engagement_reason: '=HYPERLINK("http://evil.example","x")' });
}

/**
 * 2015: baselines. S1's first assessment (30 months out of work; accommodation and addiction) is its
 * baseline, not its later review; S2 at 24 months is in "12 to 24"; S3 at 11 months found no need;
 * S4 was never assessed; S5's baseline did not record months out of work.
 */
async function build2015() {
  const db = test.database.db;
  const assess = async (episode: { id: string; programme_id: string }, props: { on: string; months: number | null; needs: string[] }) => {
    const row = await db
      .insertInto('assessment')
      .values({ programme_id: episode.programme_id, episode_id: episode.id, assessed_on: props.on, assessed_by: null, months_out_of_work: props.months })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const domain of props.needs) {
      await db.insertInto('assessment_need').values({ programme_id: episode.programme_id, assessment_id: row.id, episode_id: episode.id, domain, status: 'not_started' }).execute();
    }
  };
  const signUp = async () => buildEpisode(test, { personId: (await buildPerson(test)).id, signed_up_on: '2015-01-10' });
  const s1 = await signUp();
  await assess(s1, { on: '2015-05-01', months: 0, needs: ['employability'] });
  await assess(s1, { on: '2015-02-01', months: 30, needs: ['accommodation', 'addiction'] });
  await assess(await signUp(), { on: '2015-02-01', months: 24, needs: ['accommodation'] });
  await assess(await signUp(), { on: '2015-02-01', months: 11, needs: [] });
  await signUp();
  await assess(await signUp(), { on: '2015-02-01', months: null, needs: ['finance'] });
}

const apiToken = (role: Role) => `tc_engagement_${role}`;

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  for (const role of ['analyst', 'partner_agency'] as const) {
    const user = await demoUser(test, role);
    await test.database.db
      .insertInto('api_token')
      .values({ programme_id: user.programme_id, user_id: user.id, name: 'engagement report test', token_hash: hashSecret(apiToken(role)), created_by: user.id })
      .execute();
  }
  await build2010();
  await build2012();
  await build2013();
  await build2015();
});
afterAll(() => test.close());

const apiAs = (query: string, role: 'analyst' | 'partner_agency' = 'analyst') =>
  test.app.inject({ method: 'GET', url: `/api/v1/reports/engagement?${query}`, headers: { authorization: `Bearer ${apiToken(role)}` } });

async function reportPage(query: string) {
  const page = await manager.get(`/reports/engagement?${query}`);
  expect(page.statusCode, errorSummary(page.body).join('; ')).toBe(200);
  return page.body;
}

describe('the engagement report page', () => {
  it('counts sign-ups and distinct people, engagement, visits and the gate for the period', async () => {
    const html = await reportPage(YEAR_2010);
    expect(html).toContain('Signed up from 1 January 2010 to 31 December 2010');
    expect(pageTable(html, 'Sign-ups and engagement')).toEqual([
      ['Engagement', 'Sign-ups', '% of sign-ups', 'People', '% of people'],
      ['All', '5', '100.0', '4', '100.0'],
      ['Engaged after release', '2', '40.0', '2', '50.0'],
      ['Not engaged', '3', '60.0', '2', '50.0'],
    ]);
    expect(rowsOf(html, 'Pre-release visits and gate meetings')).toEqual({
      'No pre-release visits': ['1', '20.0'],
      '1 pre-release visit': ['1', '20.0'],
      '2 or more pre-release visits': ['3', '60.0'],
      'Gate meeting met': ['2', '40.0'],
    });
  });

  it('counts a contact only when it happened on or after the day of liberation', async () => {
    const html = await reportPage('from-day=1&from-month=1&from-year=2012&to-day=31&to-month=12&to-year=2012');
    expect(rowsOf(html, 'Sign-ups and engagement')).toMatchObject({
      All: ['3', '100.0', '1', '100.0'],
      'Engaged after release': ['1', '33.3', '1', '100.0'],
    });
  });

  it('groups the sign-ups not engaged by reason, with the list’s labels and “Not recorded”', async () => {
    const html = await reportPage(YEAR_2010);
    expect(pageTable(html, 'Reasons for not engaging')).toEqual([
      ['Reason', 'Sign-ups not engaged', '% of sign-ups not engaged'],
      ['Could not be contacted after release', '1', '33.3'],
      ['Declined support after release', '1', '33.3'],
      ['Returned to custody', '0', '0.0'],
      ['Moved out of the area', '0', '0.0'],
      ['Getting support elsewhere', '0', '0.0'],
      ['In hospital or residential treatment', '0', '0.0'],
      ['Died', '0', '0.0'],
      ['Other reason', '0', '0.0'],
      ['Not recorded', '1', '33.3'],
    ]);
  });

  it('shows who the clients are: gender and age by person, sentence bands by sign-up', async () => {
    const html = await reportPage(YEAR_2010);
    expect(rowsOf(html, 'Gender')).toEqual({
      Male: ['2', '50.0'],
      Female: ['1', '25.0'],
      'Another gender': ['0', '0.0'],
      'Prefers not to say': ['0', '0.0'],
      'Not recorded': ['1', '25.0'],
    });
    expect(pageTable(html, 'Age at sign-up (each person’s first sign-up in the selection)')).toEqual([
      ['Age', 'People', '% of people'],
      ['16 to 20', '1', '25.0'],
      ['21 to 30', '1', '25.0'],
      ['31 to 40', '0', '0.0'],
      ['41 or older', '1', '25.0'],
      ['Not known', '1', '25.0'],
    ]);
    expect(rowsOf(html, 'Sentence length')).toEqual({
      'Under 6 months': ['1', '20.0'],
      '6 to 24 months': ['3', '60.0'],
      'Over 24 months': ['1', '20.0'],
    });
    expect(rowsOf(html, 'Previous sentences')).toEqual({
      'None (first sentence)': ['1', '20.0'],
      '1': ['1', '20.0'],
      '2 to 4': ['1', '20.0'],
      '5 to 10': ['1', '20.0'],
      '11 or more': ['1', '20.0'],
    });
  });

  it('counts the needs found at each sign-up’s baseline assessment, and months out of work then, in bands', async () => {
    const html = await reportPage('from-day=1&from-month=1&from-year=2015&to-day=31&to-month=12&to-year=2015');
    expect(rowsOf(html, 'Needs found at the baseline assessment (a sign-up can have several)')).toMatchObject({
      'Sign-ups with a baseline assessment': ['4', '80.0'],
      Accommodation: ['2', '40.0'],
      Addiction: ['1', '20.0'],
      'Finance, benefits and debt': ['1', '20.0'],
      Employability: ['0', '0.0'],
    });
    expect(rowsOf(html, 'Months out of work at the baseline assessment')).toEqual({
      'Under 12 months': ['1', '20.0'],
      '12 to 24 months': ['1', '20.0'],
      'Over 24 months': ['1', '20.0'],
      'Not recorded, or no baseline assessment': ['2', '40.0'],
    });
    const json = (await apiAs('from=2015-01-01&to=2015-12-31')).json();
    expect(json.assessed).toEqual({ count: 4, percent: 80 });
    expect(json.monthsOutOfWork.map((row: { code: string; count: number }) => [row.code, row.count])).toEqual([
      ['under-12', 1], ['12-24', 1], ['over-24', 1], ['not-recorded', 2],
    ]);
  });

  it('applies each filter', async () => {
    const figures = async (filter: string) => rowsOf(await reportPage(`${YEAR_2010}&${filter}`), 'Sign-ups and engagement').All;
    expect(await figures(`prisonId=${await idOf('prison', 'Polmont')}`)).toEqual(['1', '100.0', '1', '100.0']);
    expect(await figures(`teamId=${await idOf('team', 'Lanarkshire team')}`)).toEqual(['1', '100.0', '1', '100.0']);
    // P2 lives in North Lanarkshire (her sign-up's team is Glasgow's); P4 has no local authority, so his team's area.
    expect(await figures(`areaId=${await idOf('area', 'Lanarkshire')}`)).toEqual(['2', '100.0', '2', '100.0']);
    expect(await figures(`areaId=${await idOf('area', 'Glasgow')}`)).toEqual(['3', '100.0', '2', '100.0']);
    expect(await figures(`workerId=${ids.jamie}`)).toEqual(['1', '100.0', '1', '100.0']);
    expect(await figures(`workerId=${ids.morag}`)).toEqual(['1', '100.0', '1', '100.0']);
    expect(await figures('gender=female')).toEqual(['1', '100.0', '1', '100.0']);
    expect(await figures('ageBand=not-known')).toEqual(['1', '100.0', '1', '100.0']);
  });

  it('includes both ends of the period', async () => {
    const inside = await reportPage('from-day=2&from-month=1&from-year=2010&to-day=30&to-month=12&to-year=2010');
    expect(rowsOf(inside, 'Sign-ups and engagement').All).toEqual(['3', '100.0', '3', '100.0']);
    const lastDay = await reportPage('from-day=31&from-month=12&from-year=2010&to-day=31&to-month=12&to-year=2010');
    expect(rowsOf(lastDay, 'Sign-ups and engagement').All).toEqual(['1', '100.0', '1', '100.0']);
    const upToTheFirst = await reportPage('to-day=1&to-month=1&to-year=2010');
    expect(rowsOf(upToTheFirst, 'Sign-ups and engagement').All).toEqual(['2', '100.0', '2', '100.0']);
  });

  it('bands a person by age at their first sign-up in the selection', async () => {
    const all = await reportPage(YEAR_2010);
    expect(rowsOf(all, 'Sign-ups and engagement').All).toEqual(['5', '100.0', '4', '100.0']);
    const thirties = await reportPage(`${YEAR_2010}&ageBand=31-40`);
    expect(rowsOf(thirties, 'Sign-ups and engagement').All).toEqual(['1', '100.0', '1', '100.0']);
    expect(rowsOf(thirties, 'Age at sign-up (each person’s first sign-up in the selection)')['31 to 40']).toEqual(['1', '100.0']);
  });

  it('follows a correction to a person’s gender or date of birth', async () => {
    const person = await buildPerson(test, { gender: 'male', date_of_birth: '1980-06-01' });
    await buildEpisode(test, { personId: person.id, signed_up_on: '2014-03-01' });
    const year2014 = 'from-day=1&from-month=1&from-year=2014&to-day=31&to-month=12&to-year=2014';
    expect(rowsOf(await reportPage(`${year2014}&gender=male`), 'Sign-ups and engagement').All).toEqual(['1', '100.0', '1', '100.0']);

    await test.database.db.updateTable('person').set({ gender: 'female', date_of_birth: '1995-06-01' }).where('id', '=', person.id).execute();
    expect(rowsOf(await reportPage(`${year2014}&gender=male`), 'Sign-ups and engagement').All).toEqual(['0', '–', '0', '–']);
    const corrected = await reportPage(`${year2014}&gender=female&ageBand=16-20`);
    expect(rowsOf(corrected, 'Sign-ups and engagement').All).toEqual(['1', '100.0', '1', '100.0']);
  });

  it('can never count a sign-up of a record merged into another: the database refuses one', async () => {
    await expect(buildEpisode(test, { personId: ids.merged as string, signed_up_on: '2010-05-01' })).rejects.toThrow(/merged into another record/);
    // Given the person's facts, as an import gives them for the people it creates (migration 0036).
    await expect(
      buildEpisode(test, { personId: ids.merged as string, signed_up_on: '2010-05-01', person_gender: 'female', person_date_of_birth: null }),
    ).rejects.toThrow(/merged into another record/);
  });

  it('can never count a sign-up under a gender or age its person does not have: the database refuses facts that differ from the record', async () => {
    const person = await buildPerson(test, { gender: 'male', date_of_birth: '1969-12-31' });
    const given = { personId: person.id, signed_up_on: '2011-05-01' };
    await expect(buildEpisode(test, { ...given, person_gender: 'female', person_date_of_birth: '1969-12-31' })).rejects.toThrow(/does not carry their gender/);
    await expect(buildEpisode(test, { ...given, person_gender: 'male', person_date_of_birth: null })).rejects.toThrow(/does not carry their gender/);
    const right = await buildEpisode(test, { ...given, person_gender: 'male', person_date_of_birth: '1969-12-31' });
    const stored = await test.database.db.selectFrom('episode').select(['person_gender', 'person_date_of_birth']).where('id', '=', right.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ person_gender: 'male', person_date_of_birth: '1969-12-31' });
    // Taken out again, so that the report's figures below are as set up.
    await test.database.db.deleteFrom('episode').where('id', '=', right.id).execute();
  });

  it('links each table to its CSV and XLSX, and the whole report to one workbook, with the same filters', async () => {
    const html = await reportPage(`${YEAR_2010}&gender=male`);
    const links = (format: string) =>
      [...html.matchAll(new RegExp(`<a class="govuk-link" href="([^"]+)">Download as ${format}<span class="govuk-visually-hidden"> \\(([^<]+)\\)</span>`, 'g'))].map(
        (match) => [decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? '')],
      );
    expect(links('CSV')).toHaveLength(9);
    expect(links('CSV')[3]).toEqual([`/reports/engagement.csv?table=gender&${YEAR_2010}&gender=male`, 'Gender']);
    expect(links('XLSX')[3]).toEqual([`/reports/engagement.xlsx?table=gender&${YEAR_2010}&gender=male`, 'Gender']);
    const workbook = html.match(/<a class="govuk-link" href="([^"]+)">Download every table as one XLSX workbook<\/a>/)?.[1];
    expect(decodeEntities(workbook ?? '')).toBe(`/reports/engagement.xlsx?${YEAR_2010}&gender=male`);
  });
});

describe('a bad filter', () => {
  it('shows the error summary and computes nothing', async () => {
    const cases: [string, string[]][] = [
      ['from-day=30&from-month=2&from-year=2010', ['Start date must be a real date']],
      ['from-day=1&from-year=2010', ['Start date must include a month']],
      ['from-day=1&from-month=2&from-year=2010&to-day=31&to-month=1&to-year=2010', ['The end date must be the same as or after the start date']],
      ['prisonId=not-an-id', ['Select a prison from the list']],
      [`prisonId=${crypto.randomUUID()}&gender=unknown`, ['Select a prison from the list', 'Select a gender from the list']],
    ];
    for (const [query, messages] of cases) {
      const page = await manager.get(`/reports/engagement?${query}`);
      expect(page.statusCode, query).toBe(400);
      expect(errorSummary(page.body), query).toEqual(messages);
      expect(page.body, query).not.toContain('<table');
      expect(page.body, query).toContain('<title>Error: Engagement report – Throughcare</title>');
    }
  });

  it('keeps what was typed in the form', async () => {
    const page = await manager.get('/reports/engagement?from-day=30&from-month=2&from-year=2010&gender=female');
    expect(page.body).toMatch(/name="from-day" type="text" value="30"|value="30"[^>]*name="from-day"/);
    expect(page.body).toMatch(/<option value="female" selected>/);
  });
});

describe('the CSV download of a table', () => {
  it('has the page’s header and numbers, and is audited', async () => {
    const html = await reportPage(YEAR_2010);
    const tables: [string, string][] = [['engagement', 'Sign-ups and engagement'], ['gender', 'Gender'], ['reasons', 'Reasons for not engaging']];
    for (const [name, caption] of tables) {
      const response = await manager.get(`/reports/engagement.csv?table=${name}&${YEAR_2010}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="engagement-${name}-from-2010-01-01-to-2010-12-31.csv"`);
      const csv: string[][] = parse(response.body, { bom: true });
      expect(csv).toEqual(pageTable(html, caption));
      expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([
        { action: 'export', record_type: 'report', detail: { report: 'engagement', table: name, format: 'csv', filter: { from: '2010-01-01', to: '2010-12-31' } } },
      ]);
    }
  });

  it('stops a label being run as a spreadsheet formula', async () => {
    const response = await manager.get('/reports/engagement.csv?table=reasons&from-day=1&from-month=1&from-year=2013&to-day=31&to-month=12&to-year=2013');
    const csv: string[][] = parse(response.body, { bom: true });
    expect(csv).toContainEqual([`'=HYPERLINK("http://evil.example","x")`, '1', '100.0']);
  });

  it('refuses an unknown table, no table (a CSV file holds one) or a bad filter', async () => {
    expect((await manager.get('/reports/engagement.csv?table=names')).statusCode).toBe(400);
    expect((await manager.get(`/reports/engagement.csv?${YEAR_2010}`)).statusCode).toBe(400);
    expect((await manager.get('/reports/engagement.csv?table=gender&to-day=32&to-month=1&to-year=2010')).statusCode).toBe(400);
  });
});

/** A cell of a downloaded sheet as the page writes it: a percentage to one place, a percentage of nothing as a dash. */
function asOnPage(cell: ExcelJS.Cell): string {
  if (cell.value === null) return '–';
  if (typeof cell.value === 'number') return cell.numFmt === '0.0' ? cell.value.toFixed(1) : cell.value.toLocaleString('en-GB');
  return String(cell.value);
}

const SHEETS: [string, string, string][] = [
  ['engagement', 'Engagement', 'Sign-ups and engagement'],
  ['pre-release', 'Pre-release and gate', 'Pre-release visits and gate meetings'],
  ['reasons', 'Reasons for not engaging', 'Reasons for not engaging'],
  ['gender', 'Gender', 'Gender'],
  ['age', 'Age at sign-up', 'Age at sign-up (each person’s first sign-up in the selection)'],
  ['sentence-length', 'Sentence length', 'Sentence length'],
  ['previous-sentences', 'Previous sentences', 'Previous sentences'],
  ['baseline-needs', 'Needs at baseline', 'Needs found at the baseline assessment (a sign-up can have several)'],
  ['months-out-of-work', 'Months out of work', 'Months out of work at the baseline assessment'],
];

describe('the XLSX download', () => {
  it('holds one table as the page shows it, the header bold and the figures as numbers, and is audited', async () => {
    const html = await reportPage(`${YEAR_2010}&gender=male`);
    const response = await manager.get(`/reports/engagement.xlsx?table=engagement&${YEAR_2010}&gender=male`);
    expect(attachmentOf(response)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'engagement-engagement-from-2010-01-01-to-2010-12-31-gender-male.xlsx' });
    const workbook = await openXlsx(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Engagement']);
    const cells = sheetCells(sheetNamed(workbook, 'Engagement'));
    expect(cells.map((row) => row.map(asOnPage))).toEqual(pageTable(html, 'Sign-ups and engagement'));
    expect(cells[0]?.every((cell) => cell.font?.bold === true)).toBe(true);
    const all = cells[1] ?? [];
    expect(all.map((cell) => cell.type)).toEqual([ExcelJS.ValueType.String, ...Array(4).fill(ExcelJS.ValueType.Number)]);
    expect(all.map((cell) => cell.numFmt ?? null)).toEqual([null, null, '0.0', null, '0.0']);
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([
      { action: 'export', record_type: 'report', detail: { report: 'engagement', table: 'engagement', format: 'xlsx', filter: { gender: 'male' } } },
    ]);
  });

  it('holds the whole report as one workbook, a sheet a table', async () => {
    const html = await reportPage(YEAR_2010);
    const response = await manager.get(`/reports/engagement.xlsx?${YEAR_2010}`);
    expect(attachmentOf(response)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'engagement-from-2010-01-01-to-2010-12-31.xlsx' });
    const workbook = await openXlsx(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', ...SHEETS.map(([, sheet]) => sheet)]);
    for (const [, sheet, caption] of SHEETS) {
      expect(sheetCells(sheetNamed(workbook, sheet)).map((row) => row.map(asOnPage)), sheet).toEqual(pageTable(html, caption));
    }
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'report', detail: { table: 'all', format: 'xlsx' } }]);
  });

  it('keeps a label that would be a formula as text, escaped as in the CSV', async () => {
    const response = await manager.get('/reports/engagement.xlsx?table=reasons&from-day=1&from-month=1&from-year=2013&to-day=31&to-month=12&to-year=2013');
    const cells = sheetCells(sheetNamed(await openXlsx(response), 'Reasons for not engaging'));
    const label = cells.map((row) => row[0]).find((cell) => String(cell?.value).includes('HYPERLINK'));
    expect(label?.value).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(label?.formula).toBeUndefined();
  });

  it('refuses an unknown table or a bad filter, as the page does', async () => {
    expect((await manager.get('/reports/engagement.xlsx?table=names')).statusCode).toBe(400);
    const bad = await manager.get(`/reports/engagement.xlsx?prisonId=${crypto.randomUUID()}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select a prison from the list');
  });
});

describe('the API', () => {
  it('gives the same figures as JSON', async () => {
    const response = await apiAs('from=2010-01-01&to=2010-12-31');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      filter: { from: '2010-01-01', to: '2010-12-31', prisonId: null, gender: null },
      signUps: 5,
      people: 4,
      engagedSignUps: { count: 2, percent: 40 },
      engagedPeople: { count: 2, percent: 50 },
      gateMeetingsMet: { count: 2, percent: 40 },
      preReleaseVisits: [
        { code: '0', label: 'No pre-release visits', count: 1, percent: 20 },
        { code: '1', label: '1 pre-release visit', count: 1, percent: 20 },
        { code: '2-plus', label: '2 or more pre-release visits', count: 3, percent: 60 },
      ],
    });
    expect(body.reasonsNotEngaging.filter((row: { count: number }) => row.count > 0)).toEqual([
      { code: 'not_contactable', label: 'Could not be contacted after release', count: 1, percent: 33.3 },
      { code: 'declined', label: 'Declined support after release', count: 1, percent: 33.3 },
      { code: null, label: 'Not recorded', count: 1, percent: 33.3 },
    ]);
    expect(body.ageBand.map((row: { code: string; count: number }) => [row.code, row.count])).toEqual([
      ['16-20', 1], ['21-30', 1], ['31-40', 0], ['41-plus', 1], ['not-known', 1],
    ]);
  });

  it('answers a bad filter with a problem document', async () => {
    const backwards = await apiAs('from=2010-02-01&to=2010-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    expect(backwards.json().errors).toEqual([{ field: 'to', message: 'The end date must be the same as or after the start date' }]);
    const impossible = await apiAs('from=2010-02-30');
    expect(impossible.statusCode).toBe(400);
    const unknown = await apiAs(`teamId=${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'teamId', message: 'Select a team from the list' }]);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await test.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const operation = document.paths['/api/v1/reports/engagement'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['from', 'to', 'prisonId', 'teamId', 'areaId', 'workerId', 'gender', 'ageBand']);
    expect(Object.keys(operation.responses['200'].content['application/json'].schema.properties)).toContain('engagedPeople');
  });
});

describe('who may see the report', () => {
  it('refuses a partner agency user', async () => {
    const partner = await sessionAs(test, 'partner_agency');
    expect((await partner.get(`/reports/engagement?${YEAR_2010}`)).statusCode).toBe(403);
    expect((await partner.get(`/reports/engagement.csv?table=gender&${YEAR_2010}`)).statusCode).toBe(403);
    expect((await apiAs('from=2010-01-01', 'partner_agency')).statusCode).toBe(403);
  });

  it('shows the Reports link to those who may see them', async () => {
    expect((await manager.get('/')).body).toContain('href="/reports/engagement"');
    const coach = await sessionAs(test, 'community_life_coach');
    expect((await coach.get('/')).body).not.toContain('href="/reports/engagement"');
  });
});
