import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignWorker, buildContact, buildEpisode, buildPerson, buildVisit, programmeId } from '../support/journey.ts';
import { buildOutcome } from '../support/outcomes.ts';
import { pageTable, reportHtml } from '../support/report-pages.ts';
import { attachmentOf, csvRows, openXlsx, sheetNamed, sheetValues, XLSX_TYPE } from '../support/spreadsheets.ts';
import { insertSession, insertTeam, insertWorker, markInError } from '../support/team-comparison.ts';
import { apiHeadersAs, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The team comparison against records written one by one, so that every figure can be counted by
 * hand. Period: sign-ups from 1 January to 31 March 2026. Smallest group compared: 3 sign-ups.
 * Supervision interval: 4 weeks (28 days).
 *
 * Alpha team: Amy (prison life coach, account 1 Dec 2025), Ben (community life coach, account 10 Jan 2026).
 * Beta team: Cat (community life coach, account 1 Nov 2025), Dee (employment consultant), Eve (deactivated).
 *
 *   G1 Alpha, Barlinnie, signed 10 Jan: Amy prison coach, Ben community coach; visits 2 (+1 IN ERROR); liberated 1 Feb, gate met;
 *      contacts 20 Jan (before liberation), 4 Feb, 10 Feb, 12 Feb (did not attend), 15 Feb (IN ERROR): 2 counted, first after 3 days;
 *      outcomes training (counts), accommodation (unverified), benefits (rejected), debt (IN ERROR), family contact (soft)
 *   G2 Alpha, Polmont, signed 15 Feb: Amy; visit 1; liberated 1 Mar, gate missed; contact 11 Mar (10 days); job start verified; closed 1 Jun
 *   G3 Alpha, Barlinnie, signed 20 Mar: Amy prison coach until 25 Mar, then Ben; not liberated
 *   G4 Alpha, Barlinnie, signed 20 Dec 2025 (before the period): Amy; open
 *   G5 no team, Barlinnie, signed 5 Jan: Cat; liberated 20 Jan, gate met; contact 27 Jan (7 days)
 *   L1 Beta, Barlinnie, signed 15 Jan: Cat prison and community coach, Dee employment consultant; visits 3; liberated 10 Feb, gate met;
 *      contacts 10 Feb (0 days), 20 Feb; health service outcome
 *   L2 Beta, Barlinnie, signed 1 Feb: Eve; liberated 1 Mar, gate missed; no contact
 *
 * Supervision: Amy 20 Dec 2025 (before the period), 20 Jan (late: due by 17 Jan), 10 Feb (on time), 5 Mar (IN ERROR),
 * 12 Mar (late: due by 10 Mar, after 10 Feb; on time were the session in error counted), 10 Apr (after the period);
 * Ben 1 Feb (his first, on time: due by 7 Feb), 1 Mar (on time, the last day); Cat 15 Jan (her first, late: due by 29 Nov 2025).
 */
let test: TestApp;
let manager: Browser;
const ids: Record<string, string> = {};
const PATH = '/reports/teams';
const PERIOD = 'from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026';
const PERIOD_API = 'from=2026-01-01&to=2026-03-31';

async function build() {
  const db = test.database.db;
  await db
    .updateTable('programme')
    .set({ comparison_min_group: 3 })
    .where('id', '=', await programmeId(test))
    .execute();
  const [alpha, beta] = [await insertTeam(test, 'Alpha team'), await insertTeam(test, 'Beta team')];
  Object.assign(ids, { alpha, beta });
  const amy = await insertWorker(test, { name: 'Amy Adams', role: 'prison_life_coach', teamId: alpha, createdOn: '2025-12-01' });
  const ben = await insertWorker(test, { name: 'Ben Brown', role: 'community_life_coach', teamId: alpha, createdOn: '2026-01-10' });
  const cat = await insertWorker(test, { name: 'Cat Cole', role: 'community_life_coach', teamId: beta, createdOn: '2025-11-01' });
  const dee = await insertWorker(test, { name: 'Dee Dunn', role: 'employment_consultant', teamId: beta, createdOn: '2025-11-01' });
  const eve = await insertWorker(test, { name: 'Eve Evans', role: 'community_life_coach', teamId: beta, createdOn: '2025-11-01', active: false });
  Object.assign(ids, { amy, ben });
  const signUp = async (props: Parameters<typeof buildEpisode>[1] extends infer P ? Omit<P & object, 'personId'> : never) =>
    buildEpisode(test, { personId: (await buildPerson(test)).id, ...props });

  const g1 = await signUp({
    team_id: alpha,
    signed_up_on: '2026-01-10',
    liberated_on: '2026-02-01',
    gate_status: 'met',
    workers: { prison_life_coach: amy, community_life_coach: ben },
  });
  await buildVisit(test, { episodeId: g1.id, visitedOn: '2026-01-15' });
  await buildVisit(test, { episodeId: g1.id, visitedOn: '2026-01-22' });
  await markInError(test, 'pre_release_visit', (await buildVisit(test, { episodeId: g1.id, visitedOn: '2026-01-29' })).id);
  for (const on of ['2026-01-20', '2026-02-04', '2026-02-10']) await buildContact(test, { episodeId: g1.id, contactOn: on });
  await buildContact(test, { episodeId: g1.id, contactOn: '2026-02-12', outcome: 'did_not_attend' });
  ids.inErrorContact = (await buildContact(test, { episodeId: g1.id, contactOn: '2026-02-15' })).id;
  await markInError(test, 'contact', ids.inErrorContact);
  await buildOutcome(test, { episodeId: g1.id, achievedOn: '2026-03-01', outcome_type: 'training' });
  await buildOutcome(test, { episodeId: g1.id, achievedOn: '2026-03-01', outcome_type: 'accommodation' });
  await buildOutcome(test, {
    episodeId: g1.id,
    achievedOn: '2026-03-01',
    outcome_type: 'benefits',
    verification: 'rejected',
    verified_at: new Date(),
    rejection_reason: 'No award letter',
  });
  await markInError(test, 'outcome', (await buildOutcome(test, { episodeId: g1.id, achievedOn: '2026-03-01', outcome_type: 'debt' })).id);
  await buildOutcome(test, { episodeId: g1.id, achievedOn: '2026-03-01', outcome_type: 'family_contact' });

  const g2 = await signUp({
    team_id: alpha,
    prisonName: 'Polmont',
    signed_up_on: '2026-02-15',
    liberated_on: '2026-03-01',
    gate_status: 'missed',
    workers: { prison_life_coach: amy },
  });
  await buildVisit(test, { episodeId: g2.id, visitedOn: '2026-02-20' });
  ids.g2Contact = (await buildContact(test, { episodeId: g2.id, contactOn: '2026-03-11' })).id;
  await buildOutcome(test, { episodeId: g2.id, achievedOn: '2026-04-01', outcome_type: 'job_start', verification: 'verified', verified_at: new Date() });
  await db.updateTable('episode').set({ closed_on: '2026-06-01', closure_reason: 'support_completed' }).where('id', '=', g2.id).execute();

  const g3 = await signUp({ team_id: alpha, signed_up_on: '2026-03-20' });
  await db
    .insertInto('assignment')
    .values({
      programme_id: g3.programme_id,
      episode_id: g3.id,
      worker_id: amy,
      part: 'prison_life_coach',
      from_on: '2026-03-20',
      to_on: '2026-03-25',
      ended_at: new Date(),
      reason: 'Test set-up',
    })
    .execute();
  await assignWorker(test, { episodeId: g3.id, part: 'prison_life_coach', workerId: ben });
  await signUp({ team_id: alpha, signed_up_on: '2025-12-20', workers: { prison_life_coach: amy } });

  const g5 = await signUp({
    team_id: null,
    signed_up_on: '2026-01-05',
    liberated_on: '2026-01-20',
    gate_status: 'met',
    workers: { community_life_coach: cat },
  });
  await buildContact(test, { episodeId: g5.id, contactOn: '2026-01-27' });

  const l1 = await signUp({
    team_id: beta,
    signed_up_on: '2026-01-15',
    liberated_on: '2026-02-10',
    gate_status: 'met',
    workers: { prison_life_coach: cat, community_life_coach: cat, employment_consultant: dee },
  });
  for (const on of ['2026-01-16', '2026-01-23', '2026-01-30']) await buildVisit(test, { episodeId: l1.id, visitedOn: on });
  for (const on of ['2026-02-10', '2026-02-20']) await buildContact(test, { episodeId: l1.id, contactOn: on });
  await buildOutcome(test, { episodeId: l1.id, achievedOn: '2026-03-01', outcome_type: 'health_service' });
  await signUp({ team_id: beta, signed_up_on: '2026-02-01', liberated_on: '2026-03-01', gate_status: 'missed', workers: { community_life_coach: eve } });

  const supervisorId = (await demoUser(test, 'manager')).id;
  const held = (superviseeId: string, heldOn: string, inError = false) => insertSession(test, { superviseeId, supervisorId, heldOn, inError });
  for (const on of ['2025-12-20', '2026-01-20', '2026-02-10']) await held(amy, on);
  await held(amy, '2026-03-05', true);
  for (const on of ['2026-03-12', '2026-04-10']) await held(amy, on);
  for (const on of ['2026-02-01', '2026-03-01']) await held(ben, on);
  await held(cat, '2026-01-15');
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  await build();
});
afterAll(() => test.close());

const TOO_FEW = 'Too few to compare';
const FIGURES = [
  'Open caseload',
  'Sign-ups',
  'Pre-release visits per sign-up',
  'Gate meetings met',
  '% of liberated',
  'Engaged',
  'Engagement rate (%)',
  'Contacts per engaged client',
  'Median days from liberation to first contact',
  'Hard outcomes',
  'Supervision sessions',
  'Held on time',
  '% on time',
];
const ALPHA = ['3', '3', '1.00', '1', '50.0', '2', '66.7', '1.50', '6.5', '2', '5', '3', '60.0'];
const BETA = ['2', '2', '1.50', '1', '50.0', '1', '50.0', '2.00', '0.0', '1', '1', '0', '0.0'];
const NO_TEAM = ['1', '1', '0.00', '1', '100.0', '1', '100.0', '1.00', '7.0', '0', '0', '0', '–'];
const AMY = ['Alpha team', '2', '3', '1.00', '1', '50.0', '2', '66.7', '1.50', '6.5', '2', '3', '1', '33.3'];
const BEN = ['Alpha team', '2', '2', '1.00', '1', '100.0', '1', '50.0', '2.00', '3.0', '1', '2', '2', '100.0'];
const CAT = ['Beta team', '2', '2', '1.50', '2', '100.0', '2', '100.0', '1.50', '3.5', '1', '1', '0', '0.0'];
const DEE = ['Beta team', '1', '0', '–', '0', '–', '0', '–', '–', '–', '0', '0', '0', '–'];

/** A table's body rows as { label (with its tag's words): cells }, for the rows named. */
function rows(html: string, caption: string, labels: string[]): Record<string, string[]> {
  const table = pageTable(html, caption)
    .slice(1)
    .map(
      ([label = '', ...cells]) =>
        [
          label
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
          cells,
        ] as const,
    );
  return Object.fromEntries(table.filter(([label]) => labels.some((wanted) => label.startsWith(wanted))));
}
const page = (query: string) => reportHtml(manager, `${PATH}?${query}`);

describe('the team comparison', () => {
  it('gives every figure for each team, marking those with too few sign-ups to compare', async () => {
    const html = await page(PERIOD);
    expect(html).toContain('Signed up from 1 January 2026 to 31 March 2026');
    expect(pageTable(html, 'Teams')[0]).toEqual(['Team', ...FIGURES]);
    expect(rows(html, 'Teams', ['Alpha', 'Beta', 'No team'])).toEqual({ 'Alpha team': ALPHA, [`Beta team ${TOO_FEW}`]: BETA, [`No team ${TOO_FEW}`]: NO_TEAM });
    expect(html).toContain('fewer than 3 sign-ups');
    expect(html).toContain('Engagement rate by team');
  });

  it('gives every figure for each active worker with sign-ups or a caseload, under their team', async () => {
    const html = await page(PERIOD);
    expect(pageTable(html, 'Workers, by team')[0]).toEqual(['Worker', 'Team', ...FIGURES]);
    const workers = rows(html, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee', 'Eve']);
    expect(workers).toEqual({ 'Amy Adams': AMY, [`Ben Brown ${TOO_FEW}`]: BEN, [`Cat Cole ${TOO_FEW}`]: CAT, [`Dee Dunn ${TOO_FEW}`]: DEE });
    expect(Object.keys(workers)).toEqual(['Amy Adams', `Ben Brown ${TOO_FEW}`, `Cat Cole ${TOO_FEW}`, `Dee Dunn ${TOO_FEW}`]);
  });

  it('narrows the sign-ups by the filters, and the rows by the team and worker filters', async () => {
    const prison = (await test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow()).id;
    // G2 (Polmont) is left out: Alpha's sign-ups G1 and G3; its open caseload G1, G3 and G4 (all in Barlinnie).
    const byPrison = await page(`${PERIOD}&prisonId=${prison}`);
    expect(rows(byPrison, 'Teams', ['Alpha'])).toEqual({
      [`Alpha team ${TOO_FEW}`]: ['3', '2', '1.00', '1', '100.0', '1', '50.0', '2.00', '3.0', '1', '5', '3', '60.0'],
    });

    const byTeam = await page(`${PERIOD}&teamId=${ids.beta}`);
    expect(
      pageTable(byTeam, 'Teams')
        .slice(1)
        .map((row) =>
          row[0]
            ?.replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    ).toEqual([`Beta team ${TOO_FEW}`]);
    // Cat's sign-ups narrowed to Beta's (L1); G5 has no team.
    expect(rows(byTeam, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee'])).toEqual({
      [`Cat Cole ${TOO_FEW}`]: ['Beta team', '1', '1', '3.00', '1', '100.0', '1', '100.0', '2.00', '0.0', '1', '1', '0', '0.0'],
      [`Dee Dunn ${TOO_FEW}`]: DEE,
    });

    const byWorker = await page(`${PERIOD}&workerId=${ids.ben}`);
    expect(Object.keys(rows(byWorker, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee']))).toEqual([`Ben Brown ${TOO_FEW}`]);
    expect(rows(byWorker, 'Teams', ['Alpha'])[`Alpha team ${TOO_FEW}`]?.slice(0, 3)).toEqual(['2', '2', '1.00']);
  });

  it('gives the same figures as JSON, with the too-few mark', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: `/api/v1/reports/teams?${PERIOD_API}`,
      headers: await apiHeadersAs(test, (await demoUser(test, 'team_leader')).id),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.minGroup).toBe(3);
    expect(body.supervisionIntervalWeeks).toBe(4);
    expect(body.teams.find((team: { name: string }) => team.name === 'Alpha team')).toEqual({
      teamId: ids.alpha,
      name: 'Alpha team',
      tooFewToCompare: false,
      openCaseload: 3,
      signUps: 3,
      preReleaseVisits: { count: 3, perSignUp: 1 },
      gateMeetingsMet: { count: 1, liberated: 2, percent: 50 },
      engaged: { count: 2, percent: 66.7 },
      contacts: { count: 3, perEngagedClient: 1.5 },
      daysToFirstContact: { median: 6.5, of: 2 },
      hardOutcomes: 2,
      supervision: { sessions: 5, onTime: 3, percent: 60 },
    });
    const ben = body.workers.find((worker: { name: string }) => worker.name === 'Ben Brown');
    expect(ben).toMatchObject({
      userId: ids.ben,
      teamId: ids.alpha,
      teamName: 'Alpha team',
      tooFewToCompare: true,
      signUps: 2,
      supervision: { sessions: 2, onTime: 2, percent: 100 },
    });
    expect(body.workers.map((worker: { name: string }) => worker.name)).not.toContain('Eve Evans');
  });

  it('downloads each table as CSV, with the team and the too-few column, and both as an XLSX workbook', async () => {
    const csv = await manager.get(`${PATH}.csv?table=workers&${PERIOD}`);
    expect(csv.statusCode).toBe(200);
    const [header, ...body] = csvRows(csv);
    expect(header).toEqual(['Worker', 'Team', ...FIGURES, TOO_FEW]);
    expect(body.find((row) => row[0] === 'Ben Brown')).toEqual(['Ben Brown', ...BEN.map((cell) => (cell === '–' ? '' : cell)), 'Yes']);
    expect(body.find((row) => row[0] === 'Amy Adams')?.at(-1)).toBe('No');

    const xlsx = await manager.get(`${PATH}.xlsx?${PERIOD}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'team-comparison-from-2026-01-01-to-2026-03-31.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Teams', 'Workers']);
    const teams = sheetValues(sheetNamed(workbook, 'Teams'));
    expect(teams.find((row) => row[0] === 'Beta team')).toEqual(['Beta team', 2, 2, 1.5, 1, 50, 1, 50, 2, 0, 1, 1, 0, 0, 'Yes']);
  });

  it('refuses a bad filter on the page, the downloads and the API, computing nothing', async () => {
    const bad = await manager.get(`${PATH}?from-day=1&from-month=4&from-year=2026&to-day=1&to-month=1&to-year=2026`);
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body).length).toBeGreaterThan(0);
    expect(bad.body).not.toContain('Workers, by team');
    expect((await manager.get(`${PATH}.csv?table=teams&teamId=not-a-team`)).statusCode).toBe(400);
    const headers = await apiHeadersAs(test, (await demoUser(test, 'manager')).id);
    const unknown = await test.app.inject({ method: 'GET', url: `/api/v1/reports/teams?teamId=${ids.amy}`, headers });
    expect(unknown.statusCode).toBe(400);
    expect((await sessionAs(test, 'analyst').then((analyst) => analyst.get(PATH))).statusCode).toBe(403);
  });

  it('counts a contact marked entered in error nowhere: the sign-up it engaged is no longer engaged', async () => {
    await markInError(test, 'contact', ids.g2Contact ?? '');
    const html = await page(PERIOD);
    // Alpha: only G1 engaged now (1 of 3), its 2 contacts, 3 days.
    expect(rows(html, 'Teams', ['Alpha'])['Alpha team']).toEqual(['3', '3', '1.00', '1', '50.0', '1', '33.3', '2.00', '3.0', '2', '5', '3', '60.0']);
  });
});
