import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReferral, recordAgencyStep } from '../../src/modules/referrals/service.ts';
import { buildOrganisation, buildService } from '../support/agencies.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { buildAgencyUser, buildReferralScene, referralInput } from '../support/referrals.ts';
import { insertReferral } from '../support/referral-reports.ts';
import { pageTable, reportHtml, rowsOf } from '../support/report-pages.ts';
import { attachmentOf, csvRows, openXlsx, sheetCells, sheetNamed, XLSX_TYPE } from '../support/spreadsheets.ts';
import { apiHeadersAs, auditRows, buildTestApp, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The referral reports against referrals written one by one, so that every figure can be counted by
 * hand. The period is the first half of 2026.
 *
 *   P1 (Glasgow team, engaged)  R1 Housing First / Tenancy support, live, 2 Feb: accepted, first appointment 9 Feb (7 days), attended with the coach, support started
 *                               R2 Credit Union / Debt advice, live, 10 Feb: declined, no capacity
 *   P2 (Glasgow team, engaged)  R3 Tenancy support, live, 1 Mar: accepted, appointment 11 Mar (10 days), did not attend
 *                               R4 Housing First / Floating support, live, 5 Mar: waiting for an answer
 *                               R8 Tenancy support, live, 20 Feb, attended: ENTERED IN ERROR
 *                               R9 Tenancy support, live, 5 Jul: after the period
 *                               R10 Debt advice, live, 1 May: accepted, appointment 21 May (20 days), attended 2 Jul (after the period)
 *   P3 (Lanarkshire team, not engaged)  R5 "Local food bank" (not in the directory), logged, 10 Mar: attended 12 Mar (2 days), alone
 *                               R6 Tenancy support, logged, 1 Apr: withdrawn
 *   P4 (signed up 2025, engaged) R7 Tenancy support, live, 15 Jan: accepted, appointment 20 Jan (5 days), attended with the coach, support completed, closed
 */
let test: TestApp;
let manager: Browser;
let housingFirst: string;
let creditUnion: string;
const H1_2026 = 'from-day=1&from-month=1&from-year=2026&to-day=30&to-month=6&to-year=2026';
const H1_API = 'from=2026-01-01&to=2026-06-30';
const NAMES = ['Zebedee', 'Quixote', 'Ottoline', 'Brackenbury', 'Peregrine', 'Fennimore'];

async function build() {
  housingFirst = await buildOrganisation(test, { name: 'Housing First' });
  const tenancy = await buildService(test, { organisationId: housingFirst, name: 'Tenancy support' });
  const floating = await buildService(test, { organisationId: housingFirst, name: 'Floating support' });
  creditUnion = await buildOrganisation(test, { name: 'Credit Union' });
  const debt = await buildService(test, { organisationId: creditUnion, name: 'Debt advice', needDomains: ['finance'] });
  const housing = { organisationId: housingFirst, serviceId: tenancy };
  const credit = { organisationId: creditUnion, serviceId: debt, needDomain: 'finance' };

  const engagedSignUp = async (first: string, last: string, signedUpOn: string, liberatedOn: string) => {
    const person = await buildPerson(test, { first_name: first, last_name: last });
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: signedUpOn, liberated_on: liberatedOn });
    await buildContact(test, { episodeId: episode.id, contactOn: liberatedOn });
    return episode.id;
  };
  const s1 = await engagedSignUp('Zebedee', 'Quixote', '2026-01-05', '2026-01-20');
  const s2 = await engagedSignUp('Ottoline', 'Brackenbury', '2026-02-01', '2026-02-10');
  const p3 = await buildPerson(test, { first_name: 'Peregrine', last_name: 'Fennimore' });
  const s3 = (await buildEpisode(test, { personId: p3.id, signed_up_on: '2026-03-01', teamName: 'Lanarkshire team' })).id;
  const s4 = await engagedSignUp('Old', 'Client', '2025-11-01', '2025-12-01');

  await insertReferral(test, { episodeId: s1, ...housing, sentOn: '2026-02-02', status: 'outcome_recorded', answeredOn: '2026-02-03', firstAppointmentOn: '2026-02-09', attendedOn: '2026-02-09', accompanied: true, outcomeResult: 'support_started' });
  await insertReferral(test, { episodeId: s1, ...credit, sentOn: '2026-02-10', status: 'declined', answeredOn: '2026-02-11', declineReason: 'no_capacity' });
  await insertReferral(test, { episodeId: s2, ...housing, sentOn: '2026-03-01', status: 'did_not_attend', answeredOn: '2026-03-02', firstAppointmentOn: '2026-03-11', missedOn: '2026-03-11' });
  await insertReferral(test, { episodeId: s2, organisationId: housingFirst, serviceId: floating, sentOn: '2026-03-05', status: 'sent' });
  await insertReferral(test, { episodeId: s2, ...housing, sentOn: '2026-02-20', status: 'attended', answeredOn: '2026-02-21', firstAppointmentOn: '2026-02-25', attendedOn: '2026-02-25', accompanied: true, inError: true });
  await insertReferral(test, { episodeId: s2, ...housing, sentOn: '2026-07-05', status: 'sent' });
  await insertReferral(test, { episodeId: s2, ...credit, sentOn: '2026-05-01', status: 'attended', answeredOn: '2026-05-02', firstAppointmentOn: '2026-05-21', attendedOn: '2026-07-02', accompanied: false });
  await insertReferral(test, { episodeId: s3, mode: 'logged', agencyName: 'Local food bank', needDomain: 'finance', sentOn: '2026-03-10', status: 'attended', answeredOn: '2026-03-10', firstAppointmentOn: '2026-03-12', attendedOn: '2026-03-12', accompanied: false });
  await insertReferral(test, { episodeId: s3, mode: 'logged', ...housing, sentOn: '2026-04-01', status: 'withdrawn' });
  await insertReferral(test, { episodeId: s4, ...housing, sentOn: '2026-01-15', status: 'closed', answeredOn: '2026-01-16', firstAppointmentOn: '2026-01-20', attendedOn: '2026-01-20', accompanied: true, outcomeResult: 'support_completed' });
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  await build();
});
afterAll(() => test.close());

const page = (url: string, as: Browser = manager) => reportHtml(as, url);

const ALL = '8 5 1 1 1 5 4 1 83.3 80.0 50.0'.split(' ');

describe('the referrals report', () => {
  it('counts referrals made in the period by how they were made, live and logged, leaving out what is in error', async () => {
    const html = await page(`/reports/referrals?${H1_2026}`);
    expect(pageTable(html, 'Referrals made in the period')[0]).toEqual([
      'How the referral was made', 'Made', 'Accepted', 'Declined', 'Still waiting for an answer', 'Withdrawn', 'Appointment booked', 'Attended', 'Did not attend',
      '% accepted of answered', '% attended of booked', '% of attended with the coach',
    ]);
    expect(rowsOf(html, 'Referrals made in the period')).toEqual({
      'Sent through Throughcare': '6 4 1 1 0 4 3 1 80.0 75.0 66.7'.split(' '),
      'Made outside Throughcare (logged)': '2 1 0 0 1 1 1 0 100.0 100.0 0.0'.split(' '),
      'All referrals': ALL,
    });
    expect(html).toContain('How the figures are counted');
  });

  it('counts them by agency, by service and by need', async () => {
    const html = await page(`/reports/referrals?${H1_2026}`);
    expect(rowsOf(html, 'Referrals by agency')).toEqual({
      'Housing First': '5 3 0 1 1 3 2 1 100.0 66.7 100.0'.split(' '),
      'Credit Union': '2 1 1 0 0 1 1 0 50.0 100.0 0.0'.split(' '),
      'Local food bank (not in the directory)': '1 1 0 0 0 1 1 0 100.0 100.0 0.0'.split(' '),
      'All referrals': ALL,
    });
    expect(rowsOf(html, 'Referrals by service')).toEqual({
      'Tenancy support (Housing First)': '4 3 0 0 1 3 2 1 100.0 66.7 100.0'.split(' '),
      'Debt advice (Credit Union)': '2 1 1 0 0 1 1 0 50.0 100.0 0.0'.split(' '),
      'Agencies not in the directory': '1 1 0 0 0 1 1 0 100.0 100.0 0.0'.split(' '),
      'Floating support (Housing First)': '1 0 0 1 0 0 0 0 – – –'.split(' '),
      'All referrals': ALL,
    });
    expect(rowsOf(html, 'Referrals by need')).toEqual({
      Accommodation: '5 3 0 1 1 3 2 1 100.0 66.7 100.0'.split(' '),
      'Finance, benefits and debt': '3 2 1 0 0 2 2 0 66.7 100.0 0.0'.split(' '),
      'All referrals': ALL,
    });
    expect(rowsOf(html, 'Why referrals were declined (of 1 declined)')).toMatchObject({ 'No capacity at the moment': ['1', '100.0'], 'Not eligible for the service': ['0', '0.0'] });
  });

  it('gives the days from referral to first appointment as the median and quartiles', async () => {
    // Live: 5, 7, 10, 20 days; logged: 2; all: 2, 5, 7, 10, 20.
    expect(rowsOf(await page(`/reports/referrals?${H1_2026}`), 'Days from referral to first appointment')).toEqual({
      'Sent through Throughcare': ['4', '6.5', '8.5', '12.5'],
      'Made outside Throughcare (logged)': ['1', '2.0', '2.0', '2.0'],
      'All referrals': ['5', '5.0', '7.0', '10.0'],
    });
  });

  it('counts engaged clients linked to a service: a referral attended in the period, not one after it nor one in error', async () => {
    const html = await page(`/reports/referrals?${H1_2026}`);
    expect(rowsOf(html, 'Engaged clients linked to at least one service')).toEqual({ 'Engaged clients': ['2', '100.0'], 'Linked to at least one service': ['1', '50.0'] });
    const logged = await page(`/reports/referrals?${H1_2026}&mode=logged`);
    expect(rowsOf(logged, 'Engaged clients linked to at least one service')['Linked to at least one service']).toEqual(['0', '0.0']);
  });

  it('changes with the filters: how made, the sign-up’s team, and the period', async () => {
    const logged = await page(`/reports/referrals?${H1_2026}&mode=logged`);
    expect(rowsOf(logged, 'Referrals by agency')['All referrals']).toEqual('2 1 0 0 1 1 1 0 100.0 100.0 0.0'.split(' '));
    expect(logged).toContain('how made: Made outside Throughcare (logged)');
    const teams = await test.database.db.selectFrom('team').select(['id', 'name']).execute();
    const glasgow = teams.find((team) => team.name === 'Glasgow team')?.id ?? '';
    const inGlasgow = await page(`/reports/referrals?${H1_2026}&teamId=${glasgow}`);
    expect(rowsOf(inGlasgow, 'Referrals by agency')['All referrals']).toEqual('6 4 1 1 0 4 3 1 80.0 75.0 66.7'.split(' '));
    const fromMarch = await page('/reports/referrals?from-day=1&from-month=3&from-year=2026&to-day=30&to-month=6&to-year=2026');
    expect(rowsOf(fromMarch, 'Referrals made in the period')['All referrals']?.slice(0, 3)).toEqual(['5', '3', '0']);
  });

  it('draws the agencies as a chart with its table, and links each directory agency’s feedback report', async () => {
    const html = await page(`/reports/referrals?${H1_2026}`);
    expect(html).toMatch(/<title id="referral-agency-chart[^"]*">Referrals made, accepted and attended, by agency<\/title>/);
    expect(rowsOf(html, 'The chart’s figures')['Housing First']).toEqual(['5', '3', '2']);
    expect(html).toContain(`href="/reports/referrals/agency/${housingFirst}?from-day=1&amp;from-month=1`);
    expect(html).toContain('href="/reports/referrals"');
  });

  it('shows the error summary for a bad filter and computes nothing', async () => {
    const response = await manager.get('/reports/referrals?mode=sideways&from-day=31&from-month=2&from-year=2026');
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(expect.arrayContaining(['Select how the referral was made from the list']));
    expect(response.body).not.toContain('Referrals by agency');
  });

  it('gives each table as CSV and the whole report as a workbook, as the page shows them, audited', async () => {
    const csv = await manager.get(`/reports/referrals.csv?table=by-agency&${H1_2026}`);
    expect(csv.statusCode).toBe(200);
    expect(csvRows(csv)[1]).toEqual(['Housing First', '5', '3', '0', '1', '1', '3', '2', '1', '100.0', '66.7', '100.0']);
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'report', detail: { report: 'referrals', table: 'by-agency', format: 'csv' } }]);
    const xlsx = await manager.get(`/reports/referrals.xlsx?${H1_2026}&mode=live`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'referrals-from-2026-01-01-to-2026-06-30-live.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'About this download', 'Referrals', 'By agency', 'By service', 'By need', 'Declined, by reason', 'Days to first appointment', 'Linked to a service',
    ]);
    const days = sheetCells(sheetNamed(workbook, 'Days to first appointment')).map((row) => row.map((cell) => cell.value));
    expect(days[1]).toEqual(['Sent through Throughcare', 4, 6.5, 8.5, 12.5]);
    const linked = sheetCells(sheetNamed(workbook, 'Linked to a service')).map((row) => row.map((cell) => cell.value));
    expect(linked[2]).toEqual(['Linked to at least one service', 1, 50]);
  });

  it('serves every figure as JSON', async () => {
    const headers = await apiHeadersAs(test, (await demoUser(test, 'analyst')).id);
    const response = await test.app.inject({ method: 'GET', url: `/api/v1/reports/referrals?${H1_API}`, headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toMatchObject({ made: 8, accepted: 5, declined: 1, waiting: 1, withdrawn: 1, appointmentBooked: 5, attended: 4, didNotAttend: 1, accompanied: 2, acceptedPercentOfAnswered: 83.3 });
    expect(body.total.daysToFirstAppointment).toEqual({ referrals: 5, lowerQuartile: 5, median: 7, upperQuartile: 10 });
    expect(body.byAgency.find((row: { agencyName: string | null }) => row.agencyName === 'Local food bank')).toMatchObject({ organisationId: null, figures: { made: 1, attended: 1 } });
    expect(body.linked).toEqual({ engagedClients: 2, linkedClients: 1, percent: 50 });
    const bad = await test.app.inject({ method: 'GET', url: '/api/v1/reports/referrals?mode=sideways', headers });
    expect(bad.statusCode).toBe(400);
  });
});

const FEEDBACK_MONTHS = 'Referrals by month of referral';

describe('an agency’s feedback report', () => {
  const path = () => `/reports/referrals/agency/${housingFirst}`;

  it('gives one organisation’s referrals by month, answers, attendance, results and days to the first appointment', async () => {
    const html = await page(`${path()}?${H1_2026}`);
    expect(html).toContain('Housing First');
    expect(rowsOf(html, FEEDBACK_MONTHS)).toEqual({
      'January 2026': '1 1 0 0 0 1 1 0 100.0 100.0 100.0'.split(' '),
      'February 2026': '1 1 0 0 0 1 1 0 100.0 100.0 100.0'.split(' '),
      'March 2026': '2 1 0 1 0 1 0 1 100.0 0.0 –'.split(' '),
      'April 2026': '1 0 0 0 1 0 0 0 – – –'.split(' '),
      'All months': '5 3 0 1 1 3 2 1 100.0 66.7 100.0'.split(' '),
    });
    expect(rowsOf(html, 'Days from referral to first appointment, by month of referral')).toEqual({
      'January 2026': ['1', '5.0', '5.0', '5.0'],
      'February 2026': ['1', '7.0', '7.0', '7.0'],
      'March 2026': ['1', '10.0', '10.0', '10.0'],
      'April 2026': ['0', '–', '–', '–'],
      'All months': ['3', '6.0', '7.0', '8.5'],
    });
    expect(rowsOf(html, 'Results for clients who attended (of 2 attended)')).toEqual({
      'Support started': ['1', '50.0'],
      'Support completed': ['1', '50.0'],
      'No further action': ['0', '0.0'],
      'Another result': ['0', '0.0'],
      'No result recorded yet': ['0', '0.0'],
    });
    expect(Object.keys(rowsOf(html, 'Referrals by service'))).toEqual(['Tenancy support (Housing First)', 'Floating support (Housing First)', 'All services']);
  });

  it('follows the period', async () => {
    const html = await page(`${path()}?from-day=1&from-month=3&from-year=2026&to-day=30&to-month=6&to-year=2026`);
    expect(Object.keys(rowsOf(html, FEEDBACK_MONTHS))).toEqual(['March 2026', 'April 2026', 'All months']);
  });

  it('holds no names or personal details, on the page or in its downloads', async () => {
    const html = await page(`${path()}?${H1_2026}`);
    const csv = await manager.get(`${path()}.csv?table=by-month&${H1_2026}`);
    expect(csv.statusCode).toBe(200);
    expect(csvRows(csv)[1]).toEqual(['January 2026', '1', '1', '0', '0', '0', '1', '1', '0', '100.0', '100.0', '100.0']);
    const xlsx = await manager.get(`${path()}.xlsx?${H1_2026}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'referrals-feedback-housing-first-from-2026-01-01-to-2026-06-30.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'By month', 'By service', 'Declined, by reason', 'Days to first appointment', 'Results']);
    const cells = workbook.worksheets.flatMap((sheet) => sheetCells(sheet).flat().map((cell) => String(cell.value)));
    for (const text of [html, csv.body, cells.join(' ')]) {
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain('1985');
    }
    expect(await auditRows(test, xlsx.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'report', detail: { report: 'agency-feedback', organisationId: housingFirst, table: 'all' } }]);
  });

  it('is readable by the agency’s own users, audited, and refused to another agency’s', async () => {
    const own = await buildAgencyUser(test, housingFirst, 'Housing Worker');
    const other = await buildAgencyUser(test, creditUnion, 'Credit Worker');
    const ownSession = await sessionFor(test, own.user.id);
    const response = await ownSession.get(`${path()}?${H1_2026}`);
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body, FEEDBACK_MONTHS)['All months']?.[0]).toBe('5');
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([{ action: 'read', record_type: 'report', detail: { report: 'agency-feedback', organisationId: housingFirst } }]);
    expect((await ownSession.get(`${path()}.csv?table=results`)).statusCode).toBe(200);
    expect((await ownSession.get(`/reports/referrals/agency/${creditUnion}`)).statusCode).toBe(403);
    expect((await ownSession.get(`/reports/referrals?${H1_2026}`)).statusCode).toBe(403);

    const otherSession = await sessionFor(test, other.user.id);
    expect((await otherSession.get(path())).statusCode).toBe(403);
    expect((await otherSession.get(`${path()}.xlsx`)).statusCode).toBe(403);
    const api = await test.app.inject({ method: 'GET', url: `/api/v1/reports/referrals/agency/${housingFirst}`, headers: await apiHeadersAs(test, other.user.id) });
    expect(api.statusCode).toBe(403);
    const ownApi = await test.app.inject({ method: 'GET', url: `/api/v1/reports/referrals/agency/${housingFirst}?${H1_API}`, headers: await apiHeadersAs(test, own.user.id) });
    expect(ownApi.statusCode).toBe(200);
    expect(ownApi.json().total).toMatchObject({ made: 5, accepted: 3, attended: 2, didNotAttend: 1 });
    expect(ownApi.json().byMonth.map((row: { month: string }) => row.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('is refused to caseworkers, and not found for an organisation that is not there', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    expect((await coach.get(path())).statusCode).toBe(403);
    expect((await manager.get('/reports/referrals/agency/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await manager.get('/reports/referrals/agency/not-an-id')).statusCode).toBe(404);
    const bad = await manager.get(`${path()}?from-day=40&from-month=1&from-year=2026`);
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toHaveLength(1);
  });

  it('refuses a repeated, malformed or back-to-front period with its message and computes nothing, on the page, the downloads and the API', async () => {
    for (const query of ['from-day=1&from-day=2&from-month=1&from-year=2026', 'from-day=1&from-month=1&from-year=20266', 'from-day=1&from-month=6&from-year=2026&to-day=1&to-month=1&to-year=2026']) {
      const bad = await manager.get(`${path()}?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(errorSummary(bad.body), query).toHaveLength(1);
      expect(bad.body).not.toContain(FEEDBACK_MONTHS);
      expect((await manager.get(`${path()}.csv?table=by-month&${query}`)).statusCode, query).toBe(400);
    }
    const headers = await apiHeadersAs(test, (await demoUser(test, 'manager')).id);
    for (const query of ['from=2026-02-31', 'from=2026-01-01&from=2026-02-01', 'from=2026-06-01&to=2026-01-01']) {
      const api = await test.app.inject({ method: 'GET', url: `/api/v1/reports/referrals/agency/${housingFirst}?${query}`, headers });
      expect(api.statusCode, query).toBe(400);
      expect(api.headers['content-type'], query).toContain('application/problem+json');
    }
  });

  it('counts a referral made and answered through Throughcare', async () => {
    const scene = await buildReferralScene(test);
    const referralId = await makeReferral({
      ctx: scene.coachCtx,
      personId: scene.person.id,
      episodeId: scene.episode.id,
      input: referralInput(scene.serviceId, { consentOn: '2026-07-01', sentOn: '2026-07-10' }),
    });
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-07-11' } });
    const html = await page(`/reports/referrals/agency/${scene.organisationId}`);
    expect(rowsOf(html, FEEDBACK_MONTHS)).toEqual({
      'July 2026': '1 1 0 0 0 0 0 0 100.0 – –'.split(' '),
      'All months': '1 1 0 0 0 0 0 0 100.0 – –'.split(' '),
    });
  });
});
