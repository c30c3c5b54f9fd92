import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInCtx } from '../../src/http/context.ts';
import { cohortOf } from '../../src/modules/returns/cohort.ts';
import { followedLiberations } from '../../src/modules/returns/follow-up.ts';
import { funnelReport } from '../../src/modules/reports/funnel-report.ts';
import { buildExtractRow, buildLiberation } from '../support/returns.ts';
import { buildOutcome, outcomeApiHeaders } from '../support/outcomes.ts';
import { userIdByEmail } from '../support/journey.ts';
import { pageTable, rowsOf } from '../support/report-pages.ts';
import { attachmentOf, csvRows, openXlsx, sheetNamed, sheetValues, XLSX_TYPE } from '../support/spreadsheets.ts';
import { auditRows, buildTestApp, ctxAs, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The engagement funnel against sign-ups built one by one, liberated in 2015 unless said. Extracts
 * were taken on 2016-06-30 (and one on 2015-06-01). Days from sign-up to liberation in brackets.
 *   A (41) 2 visits, gate, engaged, hard outcome; followed 527 days, not returned.
 *   B (31) 1 visit, gate, engaged; returned on day 181.
 *   C (19) engaged; an unverified accommodation and a benefits outcome in error count nowhere; an
 *      admission in error on day 12 counts nowhere, the real one is on day 408 (after the window).
 *   D (92) 3 visits, gate, not engaged (its hard outcome does not count); followed 334 days only.
 *   E (42) 2 visits, never in an extract.     H (28) 1 visit, only in an extract before liberation.
 *   I (27) gate, engaged; followed 366 days, returned on day 365 (the window's last day).
 *   J (52) 1 visit, engaged, hard outcome, female; followed exactly 365 days, not returned.
 * Outside the period: F liberated 2016-01-05 and G 2014-12-31 (both engaged, met at the gate, followed).
 */
let test: TestApp;
let manager: Browser;
let ctx: SignedInCtx;

const YEAR_2015 = 'from-day=1&from-month=1&from-year=2015&to-day=31&to-month=12&to-year=2015';
const FUNNEL = 'The engagement funnel';
const FOLLOW_UP = 'Follow-up for a return to custody within 365 days of liberation';
const BANDS = 'Engagement by time from sign-up to liberation';
const AS_AT = '2016-06-30';

async function build2015() {
  const coach = await userIdByEmail(test, 'community.coach@roop.example');
  const a = await buildLiberation(test, {
    signedUpOn: '2014-12-10',
    liberatedOn: '2015-01-20',
    visits: 2,
    gateMet: true,
    contactOn: '2015-01-21',
    hardOutcomeOn: '2015-03-01',
  });
  await buildExtractRow(test, { personId: a.personId, asAt: AS_AT });
  const b = await buildLiberation(test, { signedUpOn: '2015-01-01', liberatedOn: '2015-02-01', visits: 1, gateMet: true, contactOn: '2015-02-01' });
  await buildExtractRow(test, { personId: b.personId, asAt: AS_AT, admittedOn: '2015-08-01' });
  const c = await buildLiberation(test, { signedUpOn: '2015-03-01', liberatedOn: '2015-03-20', contactOn: '2015-04-01' });
  await buildOutcome(test, { episodeId: c.episodeId, achievedOn: '2015-05-01', outcome_type: 'accommodation' });
  await buildOutcome(test, {
    episodeId: c.episodeId,
    achievedOn: '2015-05-02',
    outcome_type: 'benefits',
    entered_in_error_at: new Date(),
    entered_in_error_by: coach,
    entered_in_error_reason: 'Wrong client',
  });
  await buildExtractRow(test, { personId: c.personId, asAt: '2015-06-01', admittedOn: '2015-04-01', inError: { by: coach, reason: 'Wrong person' } });
  await buildExtractRow(test, { personId: c.personId, asAt: AS_AT, admittedOn: '2016-05-01' });
  const d = await buildLiberation(test, { signedUpOn: '2015-05-01', liberatedOn: '2015-08-01', visits: 3, gateMet: true, hardOutcomeOn: '2015-09-01' });
  await buildExtractRow(test, { personId: d.personId, asAt: AS_AT });
  await buildLiberation(test, { signedUpOn: '2015-09-01', liberatedOn: '2015-10-13', visits: 2 });
  const h = await buildLiberation(test, { signedUpOn: '2015-11-20', liberatedOn: '2015-12-18', visits: 1 });
  await buildExtractRow(test, { personId: h.personId, asAt: '2015-06-01' });
  const i = await buildLiberation(test, { signedUpOn: '2015-06-03', liberatedOn: '2015-06-30', gateMet: true, contactOn: '2015-07-01' });
  await buildExtractRow(test, { personId: i.personId, asAt: AS_AT, admittedOn: '2016-06-29' });
  const j = await buildLiberation(test, {
    signedUpOn: '2015-05-10',
    liberatedOn: '2015-07-01',
    visits: 1,
    contactOn: '2015-07-02',
    hardOutcomeOn: '2015-08-01',
    gender: 'female',
  });
  await buildExtractRow(test, { personId: j.personId, asAt: AS_AT });
  for (const liberatedOn of ['2016-01-05', '2014-12-31']) {
    const outside = await buildLiberation(test, {
      signedUpOn: '2014-11-01',
      liberatedOn,
      visits: 2,
      gateMet: true,
      contactOn: liberatedOn,
      hardOutcomeOn: liberatedOn,
    });
    await buildExtractRow(test, { personId: outside.personId, asAt: AS_AT });
  }
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  await build2015();
  ctx = await ctxAs(test, 'manager');
});
afterAll(() => test.close());

async function reportPage(query: string) {
  const page = await manager.get(`/reports/funnel?${query}`);
  expect(page.statusCode, errorSummary(page.body).join('; ')).toBe(200);
  return page.body;
}

describe('the funnel page', () => {
  it('counts each stage of the sign-ups liberated in the period, of the stage before and of sign-ups', async () => {
    const html = await reportPage(YEAR_2015);
    expect(html).toContain('<p class="govuk-body govuk-!-font-weight-bold" id="selection">Liberated from 1 January 2015 to 31 December 2015</p>');
    expect(pageTable(html, FUNNEL)[0]).toEqual(['Stage', 'Sign-ups', '% of the stage before', '% of sign-ups']);
    expect(rowsOf(html, FUNNEL)).toEqual({
      'Signed up': ['8', '–', '100.0'],
      'At least one pre-release visit': ['6', '75.0', '75.0'],
      'Two or more pre-release visits': ['3', '50.0', '37.5'],
      'Met at the gate': ['4', '133.3', '50.0'],
      'Engaged after release': ['5', '125.0', '62.5'],
      'Engaged, with a hard outcome': ['2', '40.0', '25.0'],
      'Not returned within 365 days (of 5 followed for the whole window)': ['3', '–', '60.0'],
    });
  });

  it('says how many liberations the last stage leaves out, and why', async () => {
    expect(rowsOf(await reportPage(YEAR_2015), FOLLOW_UP)).toEqual({
      'Liberated in the period': ['8', '100.0'],
      'Followed for the whole window': ['5', '62.5'],
      'Left out: the window had not ended by the latest extract': ['1', '12.5'],
      'Left out: in no extract since liberation': ['2', '25.0'],
    });
  });

  it('counts engagement and gate meetings by the time from sign-up to liberation (28 and 42 days are 4 to 6 weeks)', async () => {
    const html = await reportPage(YEAR_2015);
    expect(pageTable(html, BANDS)[0]).toEqual(['Signed up before liberation', 'Sign-ups', 'Engaged', '% engaged', 'Met at the gate', '% met at the gate']);
    expect(rowsOf(html, BANDS)).toEqual({
      'Under 4 weeks (under 28 days)': ['2', '2', '100.0', '1', '50.0'],
      '4 to 6 weeks (28 to 42 days)': ['4', '2', '50.0', '2', '50.0'],
      'Over 6 weeks (over 42 days)': ['2', '1', '50.0', '1', '50.0'],
    });
  });

  it('draws the stages as a chart with its table, and says how the figures are counted', async () => {
    const html = await reportPage(YEAR_2015);
    expect(html).toMatch(/<title id="funnel-chart[^"]*">Sign-ups reaching each stage<\/title>/);
    expect(rowsOf(html, 'The chart’s figures')['Not returned within 365 days (of 5 followed for the whole window)']).toEqual(['3', '60.0']);
    expect(html).toContain('How the figures are counted');
    expect(html).toContain('The latest extract for these sign-ups is dated 30 June 2016.');
    expect(html).toContain('at least 365 days after liberation');
  });

  it('takes the follow-up window asked for: day 181 is within 181 days and not within 180', async () => {
    const within181 = rowsOf(await reportPage(`${YEAR_2015}&windowDays=181`), FUNNEL);
    expect(within181['Not returned within 181 days (of 6 followed for the whole window)']).toEqual(['5', '–', '83.3']);
    const within180 = rowsOf(await reportPage(`${YEAR_2015}&windowDays=180`), FUNNEL);
    expect(within180['Not returned within 180 days (of 6 followed for the whole window)']).toEqual(['6', '–', '100.0']);
  });

  it('follows the programme’s window when none is asked for', async () => {
    await test.database.db.updateTable('programme').set({ return_window_days: 181 }).execute();
    try {
      const html = await reportPage(YEAR_2015);
      expect(rowsOf(html, FUNNEL)['Not returned within 181 days (of 6 followed for the whole window)']).toEqual(['5', '–', '83.3']);
      expect(html).toMatch(/id="windowDays" name="windowDays" type="text" spellcheck="false" value="181"/);
    } finally {
      await test.database.db.updateTable('programme').set({ return_window_days: 365 }).execute();
    }
  });

  it('agrees with the one definition of follow-up (cohort.ts) for every window', async () => {
    const filter = { from: '2015-01-01', to: '2015-12-31' };
    const { liberations, latestExtract } = await followedLiberations({ ctx, filter });
    for (const windowDays of [28, 180, 181, 334, 335, 365, 366, 527, 528, 1096]) {
      const cohort = cohortOf(liberations, windowDays);
      const report = await funnelReport({ ctx, filter: { ...filter, windowDays } });
      expect({ windowDays, ...report.followUp }).toMatchObject({
        windowDays,
        followedWholeWindow: cohort.wholeWindow.length,
        returned: { count: cohort.wholeWindow.filter((one) => one.returnedInWindow).length },
        notFollowed: { count: cohort.excluded['not-followed'] },
        windowIncomplete: { count: cohort.excluded['window-incomplete'] },
        latestExtract,
      });
    }
  });

  it('shows a period with no liberations as zeros and dashes, without a chart', async () => {
    const html = await reportPage('from-day=1&from-month=1&from-year=1990&to-day=31&to-month=12&to-year=1990');
    expect(rowsOf(html, FUNNEL)).toMatchObject({
      'Signed up': ['0', '–', '–'],
      'Met at the gate': ['0', '–', '–'],
      'Not returned within 365 days (of 0 followed for the whole window)': ['0', '–', '–'],
    });
    expect(rowsOf(html, BANDS)['4 to 6 weeks (28 to 42 days)']).toEqual(['0', '0', '–', '0', '–']);
    expect(html).not.toContain('Sign-ups reaching each stage');
    expect(html).toContain('None of these sign-ups’ people is in any extract yet.');
  });

  it('applies the other filters to the cohort', async () => {
    const rows = rowsOf(await reportPage(`${YEAR_2015}&gender=female`), FUNNEL);
    expect(rows['Signed up']).toEqual(['1', '–', '100.0']);
    expect(rows['Engaged, with a hard outcome']).toEqual(['1', '100.0', '100.0']);
    expect(rows['Not returned within 365 days (of 1 followed for the whole window)']).toEqual(['1', '–', '100.0']);
  });

  it.each([
    ['abc', 'Enter the follow-up window in days, like 365'],
    ['27', 'The follow-up window must be at least 28 days'],
    ['1097', 'The follow-up window must be 1,096 days (3 years) or fewer'],
    ['365.5', 'Enter the follow-up window as a whole number of days, like 365'],
  ])('refuses a window of %s with an error summary, computing nothing', async (windowDays, message) => {
    const page = await manager.get(`/reports/funnel?${YEAR_2015}&windowDays=${windowDays}`);
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual([message]);
    expect(page.body).toContain('href="#windowDays"');
    expect(page.body).toContain(`value="${windowDays}"`);
    expect(page.body).not.toContain(FUNNEL);
  });

  it('shows a bad period in the error summary', async () => {
    const page = await manager.get('/reports/funnel?from-day=31&from-month=2&from-year=2015');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toHaveLength(1);
  });
});

describe('the funnel’s downloads and API', () => {
  it('gives a table as CSV with its window, and the whole report as one workbook, audited', async () => {
    const csv = await manager.get(`/reports/funnel.csv?table=funnel&${YEAR_2015}&windowDays=181`);
    expect(attachmentOf(csv).filename).toBe('funnel-funnel-from-2015-01-01-to-2015-12-31-window-181-days.csv');
    expect(csvRows(csv)).toEqual([
      ['Stage', 'Sign-ups', '% of the stage before', '% of sign-ups'],
      ['Signed up', '8', '', '100.0'],
      ['At least one pre-release visit', '6', '75.0', '75.0'],
      ['Two or more pre-release visits', '3', '50.0', '37.5'],
      ['Met at the gate', '4', '133.3', '50.0'],
      ['Engaged after release', '5', '125.0', '62.5'],
      ['Engaged, with a hard outcome', '2', '40.0', '25.0'],
      ['Not returned within 181 days (of 6 followed for the whole window)', '5', '', '83.3'],
    ]);
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([
      { action: 'export', record_type: 'report', detail: { report: 'funnel', table: 'funnel', format: 'csv', filter: { windowDays: 181 } } },
    ]);
    const xlsx = await manager.get(`/reports/funnel.xlsx?${YEAR_2015}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'funnel-from-2015-01-01-to-2015-12-31.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Funnel', 'Follow-up', 'Time to liberation']);
    expect(sheetValues(sheetNamed(workbook, 'Time to liberation'))[2]).toEqual(['4 to 6 weeks (28 to 42 days)', 4, 2, 50, 2, 50]);
    expect(sheetValues(sheetNamed(workbook, 'Funnel'))[7]).toEqual(['Not returned within 365 days (of 5 followed for the whole window)', 3, null, 60]);
  });

  it('refuses a download with a bad window', async () => {
    expect((await manager.get(`/reports/funnel.csv?table=funnel&${YEAR_2015}&windowDays=20`)).statusCode).toBe(400);
  });

  it('serves every figure as JSON, with the method notes', async () => {
    const headers = await outcomeApiHeaders(test, 'analyst');
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/reports/funnel?from=2015-01-01&to=2015-12-31', headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ filter: { from: '2015-01-01', to: '2015-12-31', gender: null }, windowDays: 365, signUps: 8 });
    expect(body.stages.map((stage: { stage: string; count: number }) => [stage.stage, stage.count])).toEqual([
      ['signed-up', 8],
      ['visited', 6],
      ['visited-twice', 3],
      ['met-at-gate', 4],
      ['engaged', 5],
      ['hard-outcome', 2],
      ['not-returned', 3],
    ]);
    expect(body.stages[3]).toEqual({ stage: 'met-at-gate', label: 'Met at the gate', count: 4, percentOfPreviousStage: 133.3, of: 8, percentOfWhole: 50 });
    expect(body.stages[6]).toMatchObject({ percentOfPreviousStage: null, of: 5, percentOfWhole: 60 });
    expect(body.followUp).toEqual({
      followedWholeWindow: 5,
      returnedWithinWindow: { count: 2, percent: 40 },
      notReturnedWithinWindow: { count: 3, percent: 60 },
      leftOut: { windowIncomplete: { count: 1, percent: 12.5 }, notFollowed: { count: 2, percent: 25 } },
      latestExtract: '2016-06-30',
    });
    expect(body.timeToLiberation[0]).toEqual({
      band: 'under-4-weeks',
      label: 'Under 4 weeks (under 28 days)',
      signUps: 2,
      engaged: { count: 2, percent: 100 },
      metAtGate: { count: 1, percent: 50 },
    });
    expect(body.methodNotes.join(' ')).toContain('followed for the whole window');
  });

  it('answers a bad window on the API with a problem document', async () => {
    const headers = await outcomeApiHeaders(test, 'analyst');
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/reports/funnel?from=2015-01-01&windowDays=2000', headers });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('is for team leaders, managers and analysts', async () => {
    const coachSession = await sessionAs(test, 'community_life_coach');
    expect((await coachSession.get(`/reports/funnel?${YEAR_2015}`)).statusCode).toBe(403);
  });
});
