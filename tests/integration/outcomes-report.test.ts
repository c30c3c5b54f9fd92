import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReading } from '../support/distance.ts';
import { buildCheck, buildJobStart } from '../support/employment.ts';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { buildOutcome, outcomeApiHeaders } from '../support/outcomes.ts';
import { pageTable, rowsOf } from '../support/report-pages.ts';
import { attachmentOf, openXlsx, sheetCells, sheetNamed, XLSX_TYPE } from '../support/spreadsheets.ts';
import { auditRows, buildTestApp, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The outcomes report against records built one by one, so every figure can be counted by hand.
 * The period is 2016. P1 has two engaged sign-ups in it, P2 one, P3 one not engaged; P4 signed up
 * on the last day of 2015 (so is outside the sign-up tables) but has outcomes dated in 2016.
 */
let test: TestApp;
let manager: Browser;
let coach: string;

const YEAR_2016 = 'from-day=1&from-month=1&from-year=2016&to-day=31&to-month=12&to-year=2016';
const HARD = 'Engaged sign-ups with a hard outcome (of 3 engaged sign-ups, 2 people)';
const BY_TYPE = 'Outcomes dated in the period, by type';
const EMPLOYMENT = 'Employment in the period';
const DISTANCE = 'Distance travelled: 2 people with two or more readings';
const REOFFENDING = 'Self-reported reoffending since the reading before (5 readings of 3 people)';

async function signUp(props: { personId: string; on: string; liberatedOn?: string; contactOn?: string; consultant?: string }) {
  const episode = await buildEpisode(test, {
    personId: props.personId,
    signed_up_on: props.on,
    liberated_on: props.liberatedOn ?? null,
    workers: props.consultant ? { employment_consultant: props.consultant } : {},
  });
  if (props.contactOn) await buildContact(test, { episodeId: episode.id, contactOn: props.contactOn });
  return episode;
}

async function build2016() {
  coach = await userIdByEmail(test, 'community.coach@roop.example');
  const consultant = await userIdByEmail(test, 'employment@roop.example');
  const verified = { verification: 'verified' as const, verified_by: coach, verified_at: new Date() };

  const p1 = await buildPerson(test);
  const e1 = await signUp({ personId: p1.id, on: '2016-02-01', liberatedOn: '2016-03-01', contactOn: '2016-03-05' });
  const e1b = await signUp({ personId: p1.id, on: '2016-08-01', liberatedOn: '2016-09-01', contactOn: '2016-09-02', consultant });
  await buildOutcome(test, { episodeId: e1.id, achievedOn: '2016-04-01', outcome_type: 'accommodation', ...verified });
  await buildOutcome(test, { episodeId: e1b.id, achievedOn: '2016-12-31', outcome_type: 'job_start', ...verified });
  await buildOutcome(test, { episodeId: e1b.id, achievedOn: '2016-10-01', outcome_type: 'benefits' });

  const p2 = await buildPerson(test);
  const e2 = await signUp({ personId: p2.id, on: '2016-03-01', liberatedOn: '2016-04-01', contactOn: '2016-04-02' });
  await buildOutcome(test, { episodeId: e2.id, achievedOn: '2016-05-01', outcome_type: 'accommodation' });
  await buildOutcome(test, {
    episodeId: e2.id, achievedOn: '2016-05-02', outcome_type: 'debt', entered_in_error_at: new Date(), entered_in_error_by: coach, entered_in_error_reason: 'Wrong client',
  });
  await buildOutcome(test, {
    episodeId: e2.id, achievedOn: '2016-05-03', outcome_type: 'health_service', verification: 'rejected', verified_by: coach, verified_at: new Date(), rejection_reason: 'No such appointment',
  });

  const p3 = await buildPerson(test);
  const e3 = await signUp({ personId: p3.id, on: '2016-04-01' });
  await buildOutcome(test, { episodeId: e3.id, achievedOn: '2016-06-01', outcome_type: 'benefits' });

  const p4 = await buildPerson(test);
  const e4 = await signUp({ personId: p4.id, on: '2015-12-31', liberatedOn: '2016-01-10', contactOn: '2016-01-11', consultant });
  await buildOutcome(test, { episodeId: e4.id, achievedOn: '2016-03-01', outcome_type: 'benefits' });
  await buildOutcome(test, { episodeId: e4.id, achievedOn: '2017-01-01', outcome_type: 'benefits' });

  // Job starts: two in 2016 (one still in work at both checks, one left by 13 weeks), one entered in error, one in 2017.
  const j1 = await buildJobStart(test, { episodeId: e1b.id, startedOn: '2016-09-01' });
  await buildCheck(test, { jobStartId: j1.id, episodeId: e1b.id, week: 13, checkedOn: '2016-12-01' });
  await buildCheck(test, { jobStartId: j1.id, episodeId: e1b.id, week: 26, checkedOn: '2017-03-02' });
  const j2 = await buildJobStart(test, { episodeId: e2.id, startedOn: '2016-10-01' });
  await buildCheck(test, { jobStartId: j2.id, episodeId: e2.id, week: 13, checkedOn: '2016-12-31', inWork: false });
  const wrong = await buildCheck(test, { jobStartId: j2.id, episodeId: e2.id, week: 26, checkedOn: '2017-04-01' });
  await test.database.db.updateTable('in_work_check').set({ entered_in_error_at: new Date(), entered_in_error_by: coach, entered_in_error_reason: 'Wrong job' }).where('id', '=', wrong.id).execute();
  await buildJobStart(test, { episodeId: e3.id, startedOn: '2016-05-01', entered_in_error_at: new Date(), entered_in_error_by: coach, entered_in_error_reason: 'Not a job' });
  await buildJobStart(test, { episodeId: e4.id, startedOn: '2017-01-05' });

  // Distance travelled: P1 across two sign-ups, P2 twice (and once in error), P3 once.
  await buildReading(test, { episodeId: e1.id, readOn: '2016-03-10', workerId: coach, scores: { accommodation: 3, money: 5 }, reoffending: 'yes' });
  await buildReading(test, { episodeId: e1b.id, readOn: '2016-09-10', workerId: coach, scores: { accommodation: [6, 4], money: 6 } });
  await buildReading(test, { episodeId: e2.id, readOn: '2016-04-10', workerId: coach, scores: { accommodation: 4, money: 2 }, reoffending: 'prefers_not_to_say' });
  await buildReading(test, { episodeId: e2.id, readOn: '2016-06-10', workerId: coach, scores: { accommodation: 6, money: 3 } });
  await buildReading(test, { episodeId: e2.id, readOn: '2016-08-10', workerId: coach, scores: { accommodation: 10, money: 10 }, inError: 'Another client’s scores' });
  await buildReading(test, { episodeId: e3.id, readOn: '2016-05-01', workerId: coach, scores: { accommodation: 5 } });
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  await build2016();
});
afterAll(() => test.close());

async function reportPage(query: string) {
  const page = await manager.get(`/reports/outcomes?${query}`);
  expect(page.statusCode, errorSummary(page.body).join('; ')).toBe(200);
  return page.body;
}

describe('the outcomes report page', () => {
  it('counts engaged sign-ups and people with a hard outcome that counts, by category and in total', async () => {
    const html = await reportPage(YEAR_2016);
    expect(pageTable(html, HARD)[0]).toEqual(['Hard outcome', 'Engaged sign-ups', '% of engaged sign-ups', 'People', '% of engaged people']);
    // Unverified accommodation, a debt entered in error and a rejected health outcome (all P2's) count nowhere.
    expect(rowsOf(html, HARD)).toEqual({
      'Any hard outcome': ['2', '66.7', '1', '50.0'],
      Employment: ['1', '33.3', '1', '50.0'],
      Training: ['0', '0.0', '0', '0.0'],
      Education: ['0', '0.0', '0', '0.0'],
      Accommodation: ['1', '33.3', '1', '50.0'],
      Health: ['0', '0.0', '0', '0.0'],
      Benefits: ['1', '33.3', '1', '50.0'],
      Debt: ['0', '0.0', '0', '0.0'],
    });
  });

  it('counts outcomes dated in the period by type, saying which count only when verified', async () => {
    const rows = rowsOf(await reportPage(YEAR_2016), BY_TYPE);
    expect(rows).toMatchObject({
      'Job start (verified only)': ['1', '1', '0'],
      'Job sustained (verified only)': ['0', '0', '0'],
      'Accommodation (verified only)': ['1', '1', '1'],
      'Benefits': ['3', '3', '0'],
      'Debt': ['0', '0', '0'],
      'Health or addiction service': ['0', '0', '0'],
      'All outcomes': ['5', '3', '1'],
    });
  });

  it('includes an outcome on the last day of the period, and not the day after', async () => {
    const toTheDayBefore = await reportPage('from-day=1&from-month=1&from-year=2016&to-day=30&to-month=12&to-year=2016');
    expect(rowsOf(toTheDayBefore, BY_TYPE)['Job start (verified only)']).toEqual(['0', '0', '0']);
    const lastDay = await reportPage('from-day=31&from-month=12&from-year=2016&to-day=31&to-month=12&to-year=2016');
    expect(rowsOf(lastDay, BY_TYPE)['Job start (verified only)']).toEqual(['1', '1', '0']);
  });

  it('counts hand-overs, job starts and those still in work at each check that has fallen due', async () => {
    expect(rowsOf(await reportPage(YEAR_2016), EMPLOYMENT)).toEqual({
      'Handed to an employment consultant': ['1', '1', '–'],
      'Job starts': ['2', '2', '–'],
      'Still in work at 13 weeks (of 2 job starts due the check)': ['1', '1', '50.0'],
      'Still in work at 26 weeks (of 2 job starts due the check)': ['1', '1', '50.0'],
    });
  });

  it('gives distance travelled per area for people with two or more readings, and self-reported reoffending', async () => {
    const html = await reportPage(YEAR_2016);
    const areas = rowsOf(html, DISTANCE);
    expect(areas['Somewhere settled to live']).toEqual(['2', '3.5', '6.0', '2', '100.0']);
    expect(areas['Managing money']).toEqual(['2', '3.5', '4.5', '0', '0.0']);
    expect(areas['Drugs and alcohol']).toEqual(['0', '–', '–', '0', '–']);
    expect(rowsOf(html, REOFFENDING)).toEqual({ No: ['3', '60.0', '3'], Yes: ['1', '20.0', '1'], 'Prefers not to say': ['1', '20.0', '1'] });
    expect(html).toContain('<svg');
    expect(html).toMatch(/<title id="distance-chart[^"]*">Mean first and latest score in each area<\/title>/);
    expect(rowsOf(html, 'The chart’s figures')['Somewhere settled to live']).toEqual(['3.5', '6.0']);
  });

  it('follows the programme’s threshold for “improved”', async () => {
    await test.database.db.updateTable('programme').set({ distance_improvement: 3 }).execute();
    try {
      const html = await reportPage(YEAR_2016);
      expect(rowsOf(html, DISTANCE)['Somewhere settled to live']).toEqual(['2', '3.5', '6.0', '1', '50.0']);
      expect(html).toContain('Improved by 3 or more');
    } finally {
      await test.database.db.updateTable('programme').set({ distance_improvement: 2 }).execute();
    }
  });

  it('applies the filters to the sign-ups the figures belong to', async () => {
    const html = await reportPage(`${YEAR_2016}&ageBand=not-known&gender=male`);
    expect(rowsOf(html, 'Engaged sign-ups with a hard outcome (of 0 engaged sign-ups, 0 people)')['Any hard outcome']).toEqual(['0', '–', '0', '–']);
  });

  it('shows the error summary for a bad filter and computes nothing', async () => {
    const page = await manager.get('/reports/outcomes?from-day=31&from-month=2&from-year=2016');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toHaveLength(1);
    expect(page.body).not.toContain(BY_TYPE);
  });
});

describe('the downloads and the API', () => {
  it('gives each table as CSV and the whole report as one workbook, as the page shows them, audited', async () => {
    const csv = await manager.get(`/reports/outcomes.csv?table=employment&${YEAR_2016}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual(['Employment,Number,People,% of job starts due the check', 'Handed to an employment consultant,1,1,', 'Job starts,2,2,']);
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'report', detail: { report: 'outcomes', table: 'employment', format: 'csv' } }]);
    const xlsx = await manager.get(`/reports/outcomes.xlsx?${YEAR_2016}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'outcomes-from-2016-01-01-to-2016-12-31.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Hard outcomes', 'Outcomes by type', 'Employment', 'Distance travelled', 'Self-reported reoffending']);
    const hard = sheetCells(sheetNamed(workbook, 'Hard outcomes')).map((row) => row.map((cell) => cell.value));
    expect(hard[1]).toEqual(['Any hard outcome', 2, 66.7, 1, 50]);
  });

  it('serves every figure as JSON', async () => {
    const token = await test.app.inject({ method: 'GET', url: '/api/v1/reports/outcomes?from=2016-01-01&to=2016-12-31', headers: await outcomeApiHeaders(test, 'analyst') });
    expect(token.statusCode).toBe(200);
    const body = token.json();
    expect(body.hardOutcomes.rows[0]).toEqual({ category: 'any', label: 'Any hard outcome', signUps: { count: 2, percent: 66.7 }, people: { count: 1, percent: 50 } });
    expect(body.outcomesByType.find((row: { type: string }) => row.type === 'accommodation')).toMatchObject({ mustBeVerified: true, outcomes: 1, clients: 1, awaitingVerification: 1 });
    expect(body.employment.sustained).toEqual([
      { week: 13, due: 2, inWork: 1, people: 1, percent: 50 },
      { week: 26, due: 2, inWork: 1, people: 1, percent: 50 },
    ]);
    expect(body.distanceTravelled).toMatchObject({ people: 2, improvementThreshold: 2, readings: 5, peopleRead: 3 });
  });

  it('is for team leaders, managers and analysts', async () => {
    const coachSession = await sessionAs(test, 'community_life_coach');
    expect((await coachSession.get(`/reports/outcomes?${YEAR_2016}`)).statusCode).toBe(403);
  });
});
