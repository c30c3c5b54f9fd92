import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { addDays } from '../../src/http/calendar.ts';
import { appointmentsForSignUp } from '../../src/modules/appointments/sign-up-section.ts';
import { appointmentTimeline } from '../../src/modules/appointments/timeline.ts';
import { buildAppointment, plannedWorkClient } from '../support/appointments.ts';
import { auditRows, buildTestApp, ctxAs, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/** Where planned appointments show: a worker's diary (week by week, in London's time), and a sign-up's section. */
let test: TestApp;
let coach: Browser;
let leader: Browser;
let coachId: string;

const now = () => today('Europe/London');
/** A client of `teamName` (Glasgow unless said) whose sign-up the community coach works, unless `workers` says otherwise. */
const client = (props: { teamName?: string; workers?: Record<string, string> } = {}) =>
  plannedWorkClient(test, { teamName: props.teamName, workers: props.workers ?? { community_life_coach: coachId } });

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'community_life_coach');
  leader = await sessionAs(test, 'team_leader');
  coachId = (await demoUser(test, 'community_life_coach')).id;
});
afterAll(() => test.close());
afterEach(() => vi.useRealTimers());

describe('the diary', () => {
  it('shows this week, Monday to Sunday, in London’s time zone, today first, with previous and next weeks', async () => {
    // Sunday 28 June 2026, 23:30 in UTC, is already Monday 29 June in London (summer time).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-06-28T23:30:00Z') });
    const { episode } = await client();
    const at = (plannedOn: string, withWhom: string, status: 'planned' | 'cancelled' = 'planned') =>
      buildAppointment(test, { episodeId: episode.id, plannedOn, workerId: coachId, place: 'agency', with_whom: withWhom, status, planned_time: '10:00' });
    await at('2026-06-28', 'Last Sunday', 'cancelled');
    await at('2026-06-29', 'This Monday');
    await at('2026-07-05', 'This Sunday');
    await at('2026-07-06', 'Next Monday');
    const page = await coach.get('/diary');
    expect(page.statusCode).toBe(200);
    const body = decodeEntities(page.body);
    expect(body).toContain('Today, Monday 29 June 2026');
    expect(body.indexOf('This Monday')).toBeLessThan(body.indexOf('This Sunday'));
    expect(body).toContain('Sunday 5 July 2026');
    expect(body).not.toContain('Last Sunday');
    expect(body).not.toContain('Next Monday');
    expect(body).toContain('/diary?week=2026-07-06');
    expect(body).toContain('/diary?week=2026-06-22');
    const next = decodeEntities((await coach.get('/diary?week=2026-07-08')).body);
    expect(next).toContain('Week beginning Monday 6 July 2026');
    expect(next).toContain('Next Monday');
    expect(next).not.toContain('This Sunday');
    const previous = decodeEntities((await coach.get('/diary?week=2026-06-28')).body);
    expect(previous).toContain('Last Sunday');
    expect(previous).toContain('Cancelled');
  });

  it('lists past appointments still planned as not yet updated, and refuses a bad week with a message', async () => {
    const { episode } = await client();
    await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), -20), workerId: coachId, with_whom: 'Forgotten one' });
    const page = await coach.get('/diary');
    expect(page.body).toContain('Not yet updated');
    expect(page.body).toContain('Forgotten one');
    expect(page.body).toContain(`/contacts?appointment=`);
    for (const week of ['2026-13-01', 'next', '2026-02-30']) {
      const bad = await coach.get(`/diary?week=${week}`);
      expect(bad.statusCode, week).toBe(400);
      expect(errorSummary(bad.body), week).toEqual(['The week must be a real date, like 2026-11-30']);
    }
    expect((await coach.get('/diary?week=2026-11-30&week=2026-12-07')).statusCode).toBeLessThan(500);
  });

  it('never shows a client the viewer may not see; a team leader chooses a worker of their team', async () => {
    const other = await client({ teamName: 'Lanarkshire team', workers: {} });
    await buildAppointment(test, { episodeId: other.episode.id, plannedOn: now(), workerId: coachId, with_whom: 'Hidden agency' });
    const mine = await client();
    await buildAppointment(test, { episodeId: mine.episode.id, plannedOn: now(), workerId: coachId, with_whom: 'Visible agency' });
    const own = await coach.get('/diary');
    expect(own.body).toContain('Visible agency');
    expect(own.body).not.toContain('Hidden agency');
    expect(own.body).not.toContain(other.person.last_name);
    const audited = await auditRows(test, own.headers['x-request-id']);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'list',
        record_type: 'appointment',
        detail: expect.objectContaining({ personIds: expect.arrayContaining([mine.person.id]) }),
      }),
    ]);
    expect(JSON.stringify(audited)).not.toContain(other.person.id);
    const asLeader = await leader.get(`/diary?worker=${coachId}`);
    expect(asLeader.body).toContain('Diary of Jamie Docherty');
    expect(asLeader.body).toContain('Visible agency');
    expect(asLeader.body).not.toContain('Hidden agency');
    expect((await leader.get('/diary?worker=00000000-0000-0000-0000-000000000000')).statusCode).toBe(400);
    expect((await (await sessionAs(test, 'prison_life_coach')).get(`/diary?worker=${coachId}`)).statusCode).toBe(403);
    expect((await (await sessionAs(test, 'manager')).get('/diary')).statusCode).toBe(403);
  });
});

describe('the sign-up section', () => {
  it('lists planned appointments soonest first, with what the viewer may do, and recent ones with what happened', async () => {
    const { episode } = await plannedWorkClient(test, { workers: { community_life_coach: coachId } });
    await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), 5), workerId: coachId, purpose: 'Later one' });
    await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), -1), workerId: coachId, purpose: 'Overdue one', created_by: coachId });
    await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), -3), workerId: coachId, status: 'cancelled', status_reason: 'Rain' });
    const plannedWork = await appointmentsForSignUp(await ctxAs(test, 'community_life_coach'), episode.id);
    expect(plannedWork.planned.map((a) => [a.purpose, a.notYetUpdated, a.links.map((l) => l.text)])).toEqual([
      ['Overdue one', true, ['Record the contact', 'Cancelled or missed', 'Correct', 'Entered in error']],
      ['Later one', false, ['Record the contact', 'Cancelled or missed']],
    ]);
    const html = await test.app.view('appointments/views/_sign-up-section.njk', { plannedWork });
    expect(html).toContain('Not yet updated');
    expect(html).toContain('Cancelled');
    expect(html).toContain('Rain');
    expect(html).toContain('Plan an appointment');
  });
});

describe('the timeline', () => {
  it('has what happened to appointments (not those still planned, nor those in error)', async () => {
    const { person, episode } = await client();
    await buildAppointment(test, {
      episodeId: episode.id,
      plannedOn: addDays(now(), -4),
      workerId: coachId,
      status: 'missed',
      place: 'agency',
      with_whom: 'Jobcentre',
    });
    await buildAppointment(test, {
      episodeId: episode.id,
      plannedOn: addDays(now(), -3),
      workerId: coachId,
      status: 'cancelled',
      entered_in_error_at: new Date(),
      entered_in_error_reason: 'Wrong person',
    });
    await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), 2), workerId: coachId });
    const entries = await appointmentTimeline(await ctxAs(test, 'community_life_coach'), person.id);
    expect(entries.map((entry) => [entry.on, entry.title, entry.detail])).toEqual([[addDays(now(), -4), 'Appointment missed', 'With an agency: Jobcentre']]);
  });
});
