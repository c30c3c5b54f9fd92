import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/index.ts';
import { buildEpisode } from '../support/journey.ts';
import { outcomeApiHeaders } from '../support/outcomes.ts';
import { pageTable, rowsOf } from '../support/report-pages.ts';
import { buildEvaluationCohort, buildExtractRow, buildLiberation } from '../support/returns.ts';
import { attachmentOf, openXlsx, sheetNamed, sheetValues, XLSX_TYPE } from '../support/spreadsheets.ts';
import { auditRows, buildTestApp, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The return-to-custody analysis against records built by hand (2010's liberations, an extract as at
 * 30 June 2011), and against the evaluation's published comparison rebuilt from raw records (2005's
 * liberations: engaged 100 of 250 returned, not engaged 119 of 270).
 */
let test: TestApp;
let analyst: Browser;

const API = '/api/v1/reports/return-to-custody';
const YEAR_2010 = 'from=2010-01-01&to=2010-12-31';
const AS_AT_2011 = '2011-06-30';

async function json(url: string) {
  const response = await test.app.inject({ method: 'GET', url, headers: await outcomeApiHeaders(test, 'analyst') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function build2010() {
  // A: engaged, back 181 days after liberation.
  const a = await buildLiberation(test, { liberatedOn: '2010-02-01', engaged: true, gateMet: true });
  await buildExtractRow(test, { personId: a.personId, admittedOn: '2010-08-01', asAt: AS_AT_2011 });
  // B: not engaged, in the extract without an admission.
  const b = await buildLiberation(test, { liberatedOn: '2010-03-01' });
  await buildExtractRow(test, { personId: b.personId, asAt: AS_AT_2011 });
  // C: liberated too late for the whole 365 days before the extract (window ends 1 September 2011).
  const c = await buildLiberation(test, { liberatedOn: '2010-09-01' });
  await buildExtractRow(test, { personId: c.personId, asAt: AS_AT_2011 });
  // D: liberated in 2009 and back; signed up again, liberated in 2010 and back again 244 days later.
  const d = await buildLiberation(test, { liberatedOn: '2009-06-01', signedUpOn: '2009-05-01' });
  await buildExtractRow(test, { personId: d.personId, admittedOn: '2009-10-01', asAt: AS_AT_2011 });
  await buildLiberation(test, { personId: d.personId, signedUpOn: '2009-11-01', liberatedOn: '2010-04-01' });
  await buildExtractRow(test, { personId: d.personId, admittedOn: '2010-12-01', asAt: AS_AT_2011 });
  // E: an admission in 2008, before any liberation recorded here, then liberated in 2010 and not back.
  const e = await buildLiberation(test, { liberatedOn: '2010-05-01' });
  await buildExtractRow(test, { personId: e.personId, admittedOn: '2008-05-01', asAt: AS_AT_2011 });
  await buildExtractRow(test, { personId: e.personId, asAt: AS_AT_2011 });
  // F: in no extract at all.
  await buildLiberation(test, { liberatedOn: '2010-06-01' });
  // G: liberated in 2011, outside the period, and back.
  const g = await buildLiberation(test, { liberatedOn: '2011-01-10', engaged: true });
  await buildExtractRow(test, { personId: g.personId, admittedOn: '2011-02-01', asAt: AS_AT_2011 });
  // H: in an extract taken before their liberation only.
  const h = await buildLiberation(test, { liberatedOn: '2010-07-01' });
  await buildExtractRow(test, { personId: h.personId, asAt: '2010-06-30' });
  return { d };
}

beforeAll(async () => {
  test = await buildTestApp();
  analyst = await sessionAs(test, 'analyst');
  await build2010();
  await buildEvaluationCohort(test);
});
afterAll(async () => {
  await test?.close();
});

describe('who is counted', () => {
  it('counts liberations in the period, leaving out those never followed and, from the rates, those whose window has not ended', async () => {
    const report = await json(`${API}?${YEAR_2010}`);
    // A, B, C, D's second, E, F, H; not D's first (2009) nor G (2011).
    expect(report.liberations).toEqual({ selected: 7, notFollowed: 2, followed: 5, windowIncomplete: 1, wholeWindow: 4 });
    expect(report.latestExtract).toBe(AS_AT_2011);
    expect(report.windowDays).toBe(365);
  });

  it('counts a second return for the second liberation, and an admission before any liberation nowhere', async () => {
    await test.database.db.updateTable('programme').set({ return_min_group: 1 }).execute();
    try {
      const report = await json(`${API}?${YEAR_2010}`);
      // Engaged: A (back). Not engaged with the whole window: B, D's second liberation (back), E (its 2008 admission is before any liberation).
      expect(report.groups.map((group: { code: string; n: number; returned: number }) => [group.code, group.n, group.returned])).toEqual([
        ['engaged', 1, 1],
        ['not-engaged', 3, 1],
      ]);
      const notEngaged = report.groups[1];
      const wilson = wilsonInterval(1, 3);
      expect(notEngaged.rate).toBeCloseTo(1 / 3, 10);
      expect(notEngaged.ci95).toEqual([wilson.lower, wilson.upper]);
      // Time to return: C is counted, censored at the extract (302 days); D's second return at 244 days.
      const curve = report.timeToReturn.groups[1].kaplanMeier;
      expect(curve).toEqual([expect.objectContaining({ day: 244, atRisk: 4, returned: 1, notReturned: 0.75 })]);
      expect(report.timeToReturn.groups[0].kaplanMeier).toEqual([expect.objectContaining({ day: 181, atRisk: 1, returned: 1, notReturned: 0 })]);
    } finally {
      await test.database.db.updateTable('programme').set({ return_min_group: 30 }).execute();
    }
  });

  it('a shorter window lets more liberations into the rates', async () => {
    const report = await json(`${API}?${YEAR_2010}&windowDays=180`);
    // With 180 days, C (1 September 2010) has its whole window by 30 June 2011; A's return at 181 days is outside it.
    // Only week 13 is within 180 days (week 26 ends on day 182).
    expect(report.liberations.wholeWindow).toBe(5);
    expect(report.groups[0]).toMatchObject({ n: 1, returned: 0 });
    expect(report.timeToReturn.groups[0].weeks.map((week: { week: number }) => week.week)).toEqual([13]);
  });

  it('shows counts without rates or tests below the minimum group, and says why', async () => {
    const report = await json(`${API}?${YEAR_2010}`);
    expect(report.groups.every((group: { rate: unknown; ci95: unknown }) => group.rate === null && group.ci95 === null)).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.tooSmall).toContain('at least 30 liberations');
    expect(report.cox.refused).toContain('at least 60 liberations in each group');
    expect(report.matched.refused).toContain('at least 60');
    const page = await analyst.get(`/reports/return-to-custody?from-day=1&from-month=1&from-year=2010&to-day=31&to-month=12&to-year=2010`);
    expect(page.body).toContain('Rates, intervals and tests are shown only when every group has at least 30');
    expect(rowsOf(page.body, 'Returned to custody within 365 days of liberation')).toEqual({
      Engaged: ['1', '1', '–', '–', '–'],
      'Did not engage': ['3', '1', '–', '–', '–'],
    });
  });
});

describe('the evaluation’s comparison, from raw records', () => {
  const EVALUATION = `${API}?from=2005-01-01&to=2005-12-31`;

  it('gives each rate with its Wilson interval, the Newcombe interval of the difference, both tests, and says honestly it could be chance', async () => {
    const report = await json(EVALUATION);
    expect(report.liberations).toMatchObject({ selected: 520, wholeWindow: 520 });
    const [engaged, notEngaged] = report.groups;
    expect(engaged).toMatchObject({ n: 250, returned: 100, rate: 0.4 });
    expect(notEngaged).toMatchObject({ n: 270, returned: 119 });
    expect(engaged.ci95[0]).toBeCloseTo(0.3412, 4);
    expect(engaged.ci95[1]).toBeCloseTo(0.4618, 4);
    expect(notEngaged.ci95[0]).toBeCloseTo(0.3828, 4);
    expect(notEngaged.ci95[1]).toBeCloseTo(0.5004, 4);
    const [difference] = report.differences;
    expect(difference.difference).toBeCloseTo(-0.0407, 4);
    expect(difference.ci95[0]).toBeCloseTo(-0.1245, 4);
    expect(difference.ci95[1]).toBeCloseTo(0.044, 4);
    expect(difference.zTestPValue).toBeCloseTo(0.3472, 4);
    expect(difference.fisherPValue).toBeCloseTo(0.3745, 4);
    expect(difference.inWords).toContain('The difference is not statistically significant (p about 0.35) and could easily have arisen by chance.');
  });

  it('compares time to return with a log-rank test, and adjusts with a Cox model and a matched comparison', async () => {
    const report = await json(EVALUATION);
    expect(report.timeToReturn.logRank.df).toBe(1);
    expect(report.timeToReturn.groups.map((group: { n: number; returned: number }) => [group.n, group.returned])).toEqual([
      [250, 100],
      [270, 119],
    ]);
    expect(report.timeToReturn.groups[0].weeks).toHaveLength(4);
    const names = report.cox.covariates.map((covariate: { name: string }) => covariate.name);
    expect(names).toEqual(['Engaged', 'Age at liberation (years)', 'Gender: Female', 'Previous sentences', 'Sentence length (months)']);
    expect(report.cox.included).toBe(520);
    expect(report.matched.pairs).toBeGreaterThanOrEqual(60);
    expect(report.matched.balance.map((row: { name: string }) => row.name)).toEqual(names.slice(1));
    expect(report.methodNotes.map((note: { topic: string }) => note.topic)).toContain('The matched comparison');
  });

  it('shows the page with the sentence, the chart and its table, and the notes; and audits the download', async () => {
    const page = await analyst.get('/reports/return-to-custody?from-day=1&from-month=1&from-year=2005&to-day=31&to-month=12&to-year=2005');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('could easily have arisen by chance');
    expect(page.body).toMatch(/<svg [^>]*role="img"/);
    expect(pageTable(page.body, 'The chart’s figures: % not returned (95% interval), weeks after liberation')[0]).toEqual([
      'Group',
      '13 weeks',
      '26 weeks',
      '39 weeks',
      '52 weeks',
    ]);
    expect(page.body).toContain('How the figures are counted');
    const csv = await analyst.get('/reports/return-to-custody.csv?from-day=1&from-month=1&from-year=2005&to-day=31&to-month=12&to-year=2005&table=rates');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[1]).toBe('Engaged,250,100,40.0,34.1,46.2');
    expect((await auditRows(test, csv.headers['x-request-id'])).map((row) => row.action)).toEqual(['export']);
    const xlsx = await analyst.get('/reports/return-to-custody.xlsx?from-day=1&from-month=1&from-year=2005&to-day=31&to-month=12&to-year=2005');
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    expect(attachmentOf(xlsx).filename).toBe('return-to-custody-from-2005-01-01-to-2005-12-31.xlsx');
    const book = await openXlsx(xlsx);
    const [label, followed, returned, rate] = sheetValues(sheetNamed(book, 'Return rates'))[2] ?? [];
    expect([label, followed, returned]).toEqual(['Did not engage', 270, 119]);
    expect(rate).toBeCloseTo(44.07, 2);
  });
});

describe('downloads and bad input', () => {
  it('withholds counts under 5 and the figures from them in downloads', async () => {
    await test.database.db.updateTable('programme').set({ return_min_group: 1 }).execute();
    try {
      const csv = await analyst.get(
        `/reports/return-to-custody.csv?${'from-day=1&from-month=1&from-year=2010&to-day=31&to-month=12&to-year=2010'}&table=rates`,
      );
      expect(csv.body.split('\r\n').slice(1, 3)).toEqual(['Engaged,[c],[c],[c],[c],[c]', 'Did not engage,[c],[c],[c],[c],[c]']);
    } finally {
      await test.database.db.updateTable('programme').set({ return_min_group: 30 }).execute();
    }
  });

  it('refuses a bad window or comparison with a clear message, computing nothing', async () => {
    const page = await analyst.get('/reports/return-to-custody?windowDays=7&comparison=stars');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Select a comparison from the list', 'The follow-up window must be at least 28 days']);
    const api = await test.app.inject({ method: 'GET', url: `${API}?windowDays=abc`, headers: await outcomeApiHeaders(test, 'analyst') });
    expect(api.statusCode).toBe(400);
    expect(api.json().title).toBeDefined();
  });

  it('is for managers and analysts, not caseworkers or team leaders', async () => {
    const leader = await sessionAs(test, 'team_leader');
    expect((await leader.get('/reports/return-to-custody')).statusCode).toBe(403);
    expect((await leader.get('/reports/engagement')).body).not.toContain('href="/reports/return-to-custody"');
    expect((await analyst.get('/reports/engagement')).body).toContain('href="/reports/return-to-custody"');
    // The service navigation marks Reports as where the user is, on every report's tab.
    expect((await analyst.get('/reports/return-to-custody')).body).toContain('href="/reports/engagement" aria-current="true"');
  });
});

describe('the comparisons by visits and by the gate', () => {
  it('compares none, one and two or more visits with the reference of no visits', async () => {
    const report = await json(`${API}?from=2005-01-01&to=2005-12-31&comparison=visits`);
    expect(report.groups.map((group: { code: string }) => group.code)).toEqual(['two-plus', 'one', 'none']);
    expect(report.matched.refused).toContain('two groups');
  });

  it('a sign-up recorded later relinks the admission it precedes', async () => {
    const person = await buildLiberation(test, { liberatedOn: '2003-01-01' });
    const row = await buildExtractRow(test, { personId: person.personId, admittedOn: '2003-09-01', asAt: '2004-06-30' });
    const later = await buildEpisode(test, { personId: person.personId, signed_up_on: '2003-02-01', liberated_on: '2003-05-01' });
    const linked = await test.database.db.selectFrom('custody_return').select('episode_id').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(linked.episode_id).toBe(later.id);
  });
});
