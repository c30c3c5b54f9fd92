import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { buildContact, buildEpisode, buildPerson, buildVisit, userIdByEmail } from '../support/journey.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';

/**
 * The casework core: who works with a sign-up (assignments, with their history), closed sign-ups
 * refusing work until reopened, contact notes for the assigned workers only, corrections and
 * "entered in error", needs reviewed over time, returns to custody tied to their liberation, and
 * unknown ids answered "not found".
 */
let test: TestApp;
const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const dateParts = (name: string, iso: string) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: String(Number(dayOfMonth)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};

beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => {
  await test?.close();
});

async function apiHeaders(role: Parameters<typeof demoUser>[1]) {
  const user = await demoUser(test, role);
  const token = `tc_core_${role}`;
  const existing = await test.database.db.selectFrom('api_token').select('id').where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!existing) await test.database.db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 'core test', token_hash: hashSecret(token), created_by: user.id }).execute();
  return { authorization: `Bearer ${token}` };
}

const episodeRow = (id: string) => test.database.db.selectFrom('episode').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('assignments', () => {
  it('keeps who worked with a sign-up and why, and access follows the current assignment', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const consultantUser = await demoUser(test, 'employment_consultant');
    const consultant = await sessionFor(test, consultantUser.id);
    const coachId = await userIdByEmail(test, 'community.coach@roop.example');
    const person = await buildPerson(test, { first_name: 'Aileen', last_name: 'Handover' });
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-40), liberated_on: day(-10), workers: { community_life_coach: coachId } });
    const url = `/people/${person.id}/sign-ups/${episode.id}`;
    expect((await consultant.get(url)).statusCode).toBe(403);

    const moved = await leader.post(`${url}/allocation`, {
      teamId: episode.team_id ?? '',
      communityCoachId: coachId,
      employmentConsultantId: consultantUser.id,
      reason: 'Job-ready: handed to employment',
      version: String(episode.version),
    });
    expect(moved.statusCode).toBe(302);
    expect((await consultant.get(url)).statusCode).toBe(200);

    const again = await episodeRow(episode.id);
    expect((await leader.post(`${url}/allocation`, { teamId: episode.team_id ?? '', communityCoachId: coachId, reason: 'Consultant left', version: String(again.version) })).statusCode).toBe(302);
    expect((await consultant.get(url)).statusCode).toBe(403);

    const history = await test.database.db.selectFrom('assignment').selectAll().where('episode_id', '=', episode.id).where('part', '=', 'employment_consultant').execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ worker_id: consultantUser.id, reason: 'Job-ready: handed to employment', end_reason: 'Consultant left', to_on: expect.any(String) });
    const page = (await leader.get(`${url}/history`)).body;
    expect(page).toContain('Allocation history (2)');
    expect(page).toContain('Job-ready: handed to employment');
    expect(page).toContain('Ended: Consultant left');
    const audited = await test.database.db.selectFrom('audit_event').select('action').where('record_type', '=', 'assignment').where('record_id', '=', history[0]?.id ?? '').execute();
    expect(audited.map((e) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('lets a community coach who records a contact for an unassigned client take them on, audited and with the reason', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const coachId = await userIdByEmail(test, 'community.coach@roop.example');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-5) });
    const response = await coach.post(`/people/${person.id}/sign-ups/${episode.id}/contacts`, { ...dateParts('contactOn', day(-1)), contactType: 'phone', outcome: 'happened' });
    expect(response.statusCode).toBe(302);
    const taken = await test.database.db.selectFrom('assignment').selectAll().where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    expect(taken).toMatchObject({ worker_id: coachId, part: 'community_life_coach', reason: 'Recorded a contact with them', to_on: null });
    expect((await auditRows(test, response.headers['x-request-id'])).map((e) => e.record_type)).toContain('assignment');
  });
});

describe('a closed sign-up', () => {
  it('refuses every write until a team leader reopens it', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const leader = await sessionAs(test, 'team_leader');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-90), liberated_on: day(-60), closed_on: day(-2), closure_reason: 'support_completed' });
    const url = `/people/${person.id}/sign-ups/${episode.id}`;

    const form = await coach.get(`${url}/contacts`);
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('nothing more can be recorded on it');
    const posted = await coach.post(`${url}/contacts`, { ...dateParts('contactOn', day(-1)), contactType: 'phone', outcome: 'happened' });
    expect(posted.statusCode).toBe(409);
    const api = await test.app.inject({ method: 'POST', url: `/api/v1${url}/contacts`, headers: await apiHeaders('community_life_coach'), payload: { contactOn: day(-1), contactType: 'phone', outcome: 'happened' } });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ type: 'urn:throughcare:problem:sign-up-closed' });
    expect(await test.database.db.selectFrom('contact').select('id').where('episode_id', '=', episode.id).execute()).toEqual([]);
    const page = (await coach.get(url)).body;
    expect(page).not.toContain('Record a contact');
    expect(page).not.toContain('Reopen this sign-up');

    expect((await coach.post(`${url}/reopen`, { version: '1' })).statusCode).toBe(403);
    expect((await leader.get(url)).body).toContain('Reopen this sign-up');
    expect((await leader.post(`${url}/reopen`, { version: String((await episodeRow(episode.id)).version) })).statusCode).toBe(302);
    expect((await episodeRow(episode.id)).closed_on).toBeNull();
    expect((await coach.post(`${url}/contacts`, { ...dateParts('contactOn', day(-1)), contactType: 'phone', outcome: 'happened' })).statusCode).toBe(302);
  });
});

describe('contact notes', () => {
  it('are read by the assigned workers and their team leader; another coach of the team sees only that a contact happened', async () => {
    const assignedId = await userIdByEmail(test, 'community.coach@roop.example');
    const prisonCoach = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-20), workers: { community_life_coach: assignedId } });
    await buildContact(test, { episodeId: episode.id, contactOn: day(-3), notes: 'Worried about the tenancy on Byres Road' });
    const url = `/people/${person.id}/sign-ups/${episode.id}`;

    for (const reader of [await sessionFor(test, assignedId), await sessionAs(test, 'team_leader')]) {
      expect((await reader.get(`${url}/contacts-and-visits`)).body).toContain('Worried about the tenancy on Byres Road');
    }
    const other = await prisonCoach.get(`${url}/contacts-and-visits`);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('1 contact, newest first');
    expect(other.body).not.toContain('Byres Road');
    expect(other.body).toContain('Notes hidden');
    const api = await test.app.inject({ url: `/api/v1${url}/contacts`, headers: await apiHeaders('prison_life_coach') });
    expect(api.json().contacts[0]).toMatchObject({ notes: null, notesHidden: true });
  });
});

describe('corrections and entered in error', () => {
  it('lets the recorder correct a contact, keeps what it replaced, and shows it on the timeline', async () => {
    const coachId = await userIdByEmail(test, 'community.coach@roop.example');
    const coach = await sessionFor(test, coachId);
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-20), workers: { community_life_coach: coachId } });
    const contact = await buildContact(test, { episodeId: episode.id, contactOn: day(-3), notes: 'First note', created_by: coachId, worker_id: coachId });
    const url = `/people/${person.id}/sign-ups/${episode.id}/contacts/${contact.id}`;

    const form = await coach.get(url);
    expect(form.body).toContain('Correct a contact');
    expect(form.body).toContain('First note');
    const saved = await coach.post(url, { ...dateParts('contactOn', day(-4)), contactType: 'face_to_face', outcome: 'happened', notes: 'Corrected note', version: '1' });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db.selectFrom('contact').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contact_on: day(-4), notes: 'Corrected note', version: 2, updated_by: coachId });
    const change = await test.database.db.selectFrom('record_change').selectAll().where('record_id', '=', contact.id).executeTakeFirstOrThrow();
    expect(change).toMatchObject({ kind: 'corrected', version: 2, previous: { contact_on: day(-3), notes: 'First note' } });
    expect((await coach.get(`/people/${person.id}`)).body).toContain('Contact corrected by');

    const stale = await coach.post(url, { ...dateParts('contactOn', day(-5)), contactType: 'phone', outcome: 'happened', version: '1' });
    expect(stale.statusCode).toBe(409);
    const bad = await coach.post(url, { ...dateParts('contactOn', day(5)), contactType: 'phone', outcome: 'happened', version: '2' });
    expect(errorSummary(bad.body)).toEqual(['Date of the contact must be today or in the past']);
  });

  it('refuses a correction by someone else who is not a team leader', async () => {
    const recorder = await userIdByEmail(test, 'community.coach@roop.example');
    const other = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-20) });
    const contact = await buildContact(test, { episodeId: episode.id, contactOn: day(-3), created_by: recorder });
    const url = `/people/${person.id}/sign-ups/${episode.id}/contacts/${contact.id}`;
    expect((await other.get(url)).statusCode).toBe(403);
    expect((await other.get(`/people/${person.id}/sign-ups/${episode.id}/contacts-and-visits`)).body).not.toContain(`contacts/${contact.id}/entered-in-error`);
    const leader = await sessionAs(test, 'team_leader');
    expect((await leader.get(url)).statusCode).toBe(200);
  });

  it('marks a contact entered in error: kept, struck through, and no longer counted as engagement', async () => {
    const coachId = await userIdByEmail(test, 'community.coach@roop.example');
    const coach = await sessionFor(test, coachId);
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-20) });
    const contact = await buildContact(test, { episodeId: episode.id, contactOn: day(-3), created_by: coachId });
    expect((await episodeRow(episode.id)).engaged).toBe(true);
    const url = `/people/${person.id}/sign-ups/${episode.id}/contacts/${contact.id}/entered-in-error`;

    const blank = await coach.post(url, { reason: '', version: '1' });
    expect(errorSummary(blank.body)).toEqual(['Enter why it was entered in error']);
    expect((await coach.post(url, { reason: 'Recorded on the wrong person', version: '1' })).statusCode).toBe(302);
    expect(await episodeRow(episode.id)).toMatchObject({ engaged: false, first_contact_on: null, last_contact_on: null });
    const page = (await coach.get(`/people/${person.id}/sign-ups/${episode.id}/contacts-and-visits`)).body;
    expect(page).toContain('app-entered-in-error');
    expect(page).toContain('Recorded on the wrong person');
    expect(page).toContain('Not engaged');
    expect((await coach.get(`/people/${person.id}/sign-ups/${episode.id}/contacts/${contact.id}`)).statusCode).toBe(400);
  });

  it('takes a visit entered in error out of the pre-release count, and corrects an appointment through the API', async () => {
    const leaderHeaders = await apiHeaders('team_leader');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30) });
    const visit = await buildVisit(test, { episodeId: episode.id, visitedOn: day(-20) });
    await buildVisit(test, { episodeId: episode.id, visitedOn: day(-10) });
    expect((await episodeRow(episode.id)).pre_release_visits).toBe(2);
    const base = `/api/v1/people/${person.id}/sign-ups/${episode.id}`;
    const marked = await test.app.inject({ method: 'POST', url: `${base}/visits/${visit.id}/entered-in-error`, headers: leaderHeaders, payload: { reason: 'Visit was cancelled', version: 1 } });
    expect(marked.statusCode).toBe(204);
    expect((await episodeRow(episode.id)).pre_release_visits).toBe(1);

    const created = await test.app.inject({ method: 'POST', url: `${base}/appointments`, headers: leaderHeaders, payload: { appointmentOn: day(1), appointmentTime: '09:30', agency: 'Jobcentre' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const corrected = await test.app.inject({ method: 'PUT', url: `${base}/appointments/${id}`, headers: leaderHeaders, payload: { appointmentOn: day(2), appointmentTime: '09:30', agency: 'Jobcentre Plus', version: 1 } });
    expect(corrected.statusCode).toBe(204);
    const change = await test.database.db.selectFrom('record_change').select('previous').where('record_id', '=', id).executeTakeFirstOrThrow();
    expect(change.previous).toEqual({ appointment_on: day(1), agency: 'Jobcentre' });
    const same = await test.app.inject({ method: 'PUT', url: `${base}/appointments/${id}`, headers: leaderHeaders, payload: { appointmentOn: day(2), appointmentTime: '09:30', agency: 'Jobcentre Plus', version: 2 } });
    expect(same.statusCode).toBe(204);
    expect(await test.database.db.selectFrom('record_change').select('id').where('record_id', '=', id).execute()).toHaveLength(1);
    expect((await auditRows(test, same.headers['x-request-id'])).map((e) => e.action)).toContain('read');
  });
});

describe('needs reviewed over time', () => {
  it('keeps the baseline and shows the latest review against it', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-60) });
    const url = `/people/${person.id}/sign-ups/${episode.id}`;
    const first = await coach.post(`${url}/needs`, { ...dateParts('assessedOn', day(-50)), 'need-accommodation': 'yes', 'status-accommodation': 'not_started', 'need-finance': 'yes', 'status-finance': 'in_progress' });
    expect(first.statusCode).toBe(302);
    expect((await coach.get(`${url}/needs`)).body).toContain('Review their needs');
    const review = await coach.post(`${url}/needs`, { ...dateParts('assessedOn', day(-5)), 'need-accommodation': 'yes', 'status-accommodation': 'met', 'need-health': 'yes', 'status-health': 'not_started' });
    expect(review.statusCode).toBe(302);
    const page = (await coach.get(`${url}/needs-and-plan`)).body;
    expect(page).toContain('the latest review compared with the baseline');
    expect(page).toMatch(/Accommodation<\/td>\s*<td class="govuk-table__cell"[^>]*>Not started<\/td>\s*<td class="govuk-table__cell"[^>]*>Met<\/td>\s*<td class="govuk-table__cell"[^>]*>Not started to met/);
    expect(page).toContain('New since the baseline');
    expect(page).toContain('No longer a need');
    expect(await test.database.db.selectFrom('assessment').select('id').where('episode_id', '=', episode.id).execute()).toHaveLength(2);
  });
});

describe('returns to custody', () => {
  it('belong to the liberation they follow', async () => {
    const person = await buildPerson(test);
    const first = await buildEpisode(test, { personId: person.id, signed_up_on: '2020-01-01', liberated_on: '2020-03-01', closed_on: '2020-09-01', closure_reason: 'support_completed' });
    const second = await buildEpisode(test, { personId: person.id, signed_up_on: '2021-01-01', liberated_on: '2021-03-01' });
    const insert = (admittedOn: string | null) =>
      test.database.db
        .insertInto('custody_return')
        .values({ programme_id: person.programme_id, person_id: person.id, admitted_on: admittedOn, checked_on: '2022-01-01' })
        .returning('episode_id')
        .executeTakeFirstOrThrow();
    expect((await insert('2020-08-01')).episode_id).toBe(first.id);
    expect((await insert('2021-06-01')).episode_id).toBe(second.id);
    expect((await insert(null)).episode_id).toBe(second.id);
    expect((await insert('2019-06-01')).episode_id).toBeNull();
  });
});

describe('unknown and malformed ids', () => {
  it('answer not found, on pages and in the API', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const person = await buildPerson(test);
    const unknown = '7d3f8c62-1f1e-4c8e-9d0e-3f7b6a1c2d4e';
    for (const url of [
      `/people/${person.id}/sign-ups/${unknown}`,
      `/people/${person.id}/sign-ups/not-a-uuid`,
      `/people/${person.id}/sign-ups/${unknown}/contacts`,
      `/people/${person.id}/sign-ups/${unknown}/details`,
      `/people/${person.id}/sign-ups/${unknown}/visits/${unknown}`,
      `/people/${person.id}/sign-ups/${unknown}/contacts/not-a-uuid/entered-in-error`,
      `/people/${unknown}`,
    ]) {
      expect([url, (await coach.get(url)).statusCode]).toEqual([url, 404]);
    }
    const headers = await apiHeaders('community_life_coach');
    for (const url of [`/api/v1/people/${person.id}/sign-ups/${unknown}`, `/api/v1/people/${person.id}/sign-ups/${unknown}/contacts`, `/api/v1/people/${person.id}/sign-ups/${unknown}/plan`, `/api/v1/people/nope`]) {
      expect([url, (await test.app.inject({ url, headers })).statusCode]).toEqual([url, 404]);
    }
  });
});
