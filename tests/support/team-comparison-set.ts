import { assignWorker, buildContact, buildEpisode, buildPerson, buildVisit, programmeId } from './journey.ts';
import { buildOutcome } from './outcomes.ts';
import { insertSession, insertTeam, insertWorker, markInError } from './team-comparison.ts';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp, demoUser, sessionAs, type Browser, type TestApp } from './test-app.ts';

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
 * Ben 1 Feb (his first, on time: due by 7 Feb), 1 Mar (on time, the last day; next agreed for 30 Mar, beyond the interval),
 * 30 Mar (on time: due by the agreed 30 Mar, not 29 Mar); Cat 15 Jan (her first, late: due by 29 Nov 2025).
 */
export const PATH = '/reports/teams';
export const PERIOD = 'from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026';
export const PERIOD_API = 'from=2026-01-01&to=2026-03-31';

/** Writes the records above; the ids the tests name. */
async function buildTeamComparisonSet(test: TestApp): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
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
  const signUp = async (props: Omit<Parameters<typeof buildEpisode>[1], 'personId'>) =>
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
  await held(ben, '2026-02-01');
  await insertSession(test, { superviseeId: ben, supervisorId, heldOn: '2026-03-01', nextOn: '2026-03-30' });
  await held(ben, '2026-03-30');
  await held(cat, '2026-01-15');
  return ids;
}

/** The figures' headers, and each team's and worker's figures in the period, as the page shows them. */
export const TOO_FEW = 'Too few to compare';
export const FIGURES = [
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
export const ALPHA = ['3', '3', '1.00', '1', '50.0', '2', '66.7', '1.50', '6.5', '2', '6', '4', '66.7'];
export const BETA = ['2', '2', '1.50', '1', '50.0', '1', '50.0', '2.00', '0.0', '1', '1', '0', '0.0'];
export const NO_TEAM = ['1', '1', '0.00', '1', '100.0', '1', '100.0', '1.00', '7.0', '0', '0', '0', '–'];
export const AMY = ['Alpha team', '2', '3', '1.00', '1', '50.0', '2', '66.7', '1.50', '6.5', '2', '3', '1', '33.3'];
export const BEN = ['Alpha team', '2', '2', '1.00', '1', '100.0', '1', '50.0', '2.00', '3.0', '1', '3', '3', '100.0'];
export const CAT = ['Beta team', '2', '2', '1.50', '2', '100.0', '2', '100.0', '1.50', '3.5', '1', '1', '0', '0.0'];
export const DEE = ['Beta team', '1', '0', '–', '0', '–', '0', '–', '–', '–', '0', '0', '0', '–'];

interface TeamComparisonSession {
  test: TestApp;
  /** The demo manager, signed in. */
  manager: Browser;
  ids: Record<string, string>;
}

/** For a test file: the app with the records above and a manager signed in, closed after it. */
export function useTeamComparisonSet(): TeamComparisonSession {
  const session = { ids: {} } as TeamComparisonSession;
  beforeAll(async () => {
    session.test = await buildTestApp();
    session.manager = await sessionAs(session.test, 'manager');
    session.ids = await buildTeamComparisonSet(session.test);
  });
  afterAll(() => session.test?.close());
  return session;
}
