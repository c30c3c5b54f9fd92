import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { addDays } from '../../src/http/calendar.ts';
import { appointmentsForSignUp } from '../../src/modules/appointments/sign-up-section.ts';
import { apiHeadersFor, appointmentRow, buildAppointment, plannedWorkClient } from '../support/appointments.ts';
import { auditRows, buildTestApp, ctxAs, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coach: Browser;
let leader: Browser;
let coachId: string;
let leaderId: string;
let prisonCoachId: string;

const now = () => today('Europe/London');
const dateParts = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};

/** A Glasgow client whose sign-up the community and prison coaches work. */
const client = () => plannedWorkClient(test, { workers: { community_life_coach: coachId, prison_life_coach: prisonCoachId } });

const planned = (episodeId: string) =>
  test.database.db.selectFrom('appointment').selectAll().where('episode_id', '=', episodeId).orderBy('created_at').execute();

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'community_life_coach');
  leader = await sessionAs(test, 'team_leader');
  coachId = (await demoUser(test, 'community_life_coach')).id;
  leaderId = (await demoUser(test, 'team_leader')).id;
  prisonCoachId = (await demoUser(test, 'prison_life_coach')).id;
});
afterAll(() => test.close());

describe('planning an appointment', () => {
  it('plans one in the planner’s diary by default, reading the time as typed, and audits it', async () => {
    const { episode, base } = await client();
    const form = await coach.get(`${base}/planned-appointments/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('With an agency');
    expect(form.body).not.toContain('value="agency" checked');
    expect(form.body).toMatch(/<input[^>]*id="plannedOn-day"[^>]*>/);
    expect(form.body.match(/<input[^>]*id="plannedOn-day"[^>]*>/)?.[0]).not.toContain('value="');
    const date = addDays(now(), 3);
    const saved = await coach.post(`${base}/planned-appointments/new`, {
      ...dateParts('plannedOn', date),
      plannedTime: '2.30pm',
      place: 'agency',
      withWhom: 'Jobcentre Plus',
      purpose: 'Universal Credit claim',
      workerId: coachId,
    });
    expect(saved.statusCode).toBe(302);
    const [row] = await planned(episode.id);
    expect(row).toMatchObject({
      planned_on: date,
      planned_time: '14:30:00',
      place: 'agency',
      with_whom: 'Jobcentre Plus',
      worker_id: coachId,
      status: 'planned',
      created_by: coachId,
    });
    expect(await auditRows(test, saved.headers['x-request-id'])).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'create', record_type: 'appointment', record_id: row?.id })]),
    );
  });

  it('goes in another worker’s diary only when they work with the client', async () => {
    const { episode, base } = await client();
    const form = await coach.get(`${base}/planned-appointments/new`);
    expect(form.body).toContain('Jamie Docherty (you)');
    expect(form.body).toContain('Morag Campbell');
    expect(form.body).not.toContain('Priya Sharma');
    const saved = await coach.post(`${base}/planned-appointments/new`, {
      ...dateParts('plannedOn', now()),
      plannedTime: '1030',
      place: 'prison',
      workerId: prisonCoachId,
    });
    expect(saved.statusCode).toBe(302);
    expect((await planned(episode.id))[0]).toMatchObject({ worker_id: prisonCoachId, planned_time: '10:30:00', planned_on: now() });
  });

  it('shows every problem at once, in one error summary, and saves nothing', async () => {
    const { episode, base } = await client();
    const consultant = (await demoUser(test, 'employment_consultant')).id;
    const refused = await coach.post(`${base}/planned-appointments/new`, {
      ...dateParts('plannedOn', addDays(now(), -1)),
      plannedTime: 'teatime',
      place: 'agency',
      withWhom: '',
      purpose: 'x'.repeat(2001),
      workerId: consultant,
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'The date must be today or in the future. To record a meeting that has happened, record a contact',
      'Enter the time like 10am, 2.30pm or 14:30',
      'Enter the agency they are meeting',
      'Purpose must be 2000 characters or fewer',
      'Select a worker who works with this client',
    ]);
    expect(refused.body.match(/class="govuk-error-summary"/g)).toHaveLength(1);
    expect(refused.body).toContain('value="teatime"');
    const nothing = await coach.post(`${base}/planned-appointments/new`, { workerId: coachId });
    expect(errorSummary(nothing.body)).toEqual(['Enter the date of the appointment', 'Select where the appointment is']);
    expect(await planned(episode.id)).toEqual([]);
  });
});

describe('what happened', () => {
  it('is kept by recording its contact: the form is filled from it and the saved contact is linked', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, {
      episodeId: episode.id,
      plannedOn: now(),
      workerId: coachId,
      planned_time: '09:15',
      place: 'agency',
      with_whom: 'Council housing',
      purpose: 'Homeless application',
      created_by: coachId,
    });
    const form = await coach.get(`${base}/contacts?appointment=${appointment.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="appointmentId" value="${appointment.id}"`);
    expect(form.body).toContain('value="09:15"');
    expect(decodeEntities(form.body)).toContain('value="With an agency: Council housing"');
    expect(form.body).toContain('Homeless application</textarea>');
    const contact = { ...dateParts('contactOn', now()), contactTime: '09:15', contactType: 'face_to_face', outcome: 'happened', appointmentId: appointment.id };
    expect((await coach.post(`${base}/contacts`, contact)).statusCode).toBe(302);
    const saved = await test.database.db.selectFrom('contact').select('id').where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    expect(await appointmentRow(test, appointment.id)).toMatchObject({ status: 'kept', contact_id: saved.id, version: 2 });
    const again = await coach.post(`${base}/contacts`, contact);
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body)[0]).toContain('has already been recorded');
    expect(await test.database.db.selectFrom('contact').select('id').where('episode_id', '=', episode.id).execute()).toHaveLength(1);
  });

  it('is missed when the contact says they did not attend, and a bad appointment id fills nothing', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, { episodeId: episode.id, plannedOn: addDays(now(), -2), workerId: coachId });
    expect((await coach.get(`${base}/contacts?appointment=not-an-id`)).statusCode).toBe(200);
    await coach.post(`${base}/contacts`, {
      ...dateParts('contactOn', addDays(now(), -2)),
      contactType: 'phone',
      outcome: 'did_not_attend',
      appointmentId: appointment.id,
    });
    expect(await appointmentRow(test, appointment.id)).toMatchObject({ status: 'missed', status_reason: 'They did not attend', contact_id: null });
  });

  it('is cancelled or missed with an optional reason, only while planned', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, { episodeId: episode.id, plannedOn: now(), workerId: coachId });
    const page = await coach.get(`${base}/planned-appointments/${appointment.id}/status`);
    expect(page.body).toContain('record the contact');
    expect(errorSummary((await coach.post(`${base}/planned-appointments/${appointment.id}/status`, { version: '1' })).body)).toEqual([
      'Select cancelled or missed. An appointment that happened is recorded as its contact',
    ]);
    const done = await coach.post(`${base}/planned-appointments/${appointment.id}/status`, { status: 'cancelled', reason: 'Client unwell', version: '1' });
    expect(done.statusCode).toBe(302);
    expect(await appointmentRow(test, appointment.id)).toMatchObject({ status: 'cancelled', status_reason: 'Client unwell', version: 2 });
    expect(await auditRows(test, done.headers['x-request-id'])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'update', record_type: 'appointment', detail: expect.objectContaining({ status: 'cancelled' }) }),
      ]),
    );
    const twice = await coach.post(`${base}/planned-appointments/${appointment.id}/status`, { status: 'missed', version: '2' });
    expect(twice.statusCode).toBe(400);
    expect(errorSummary(twice.body)[0]).toContain('already recorded as cancelled');
  });
});

describe('correcting and entering in error', () => {
  it('corrects the time, place and worker from the version read, keeping what was replaced', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, {
      episodeId: episode.id,
      plannedOn: addDays(now(), 1),
      workerId: coachId,
      created_by: coachId,
      planned_time: '10:00',
    });
    const form = await coach.get(`${base}/planned-appointments/${appointment.id}`);
    expect(form.body).toContain('value="10:00"');
    const saved = await coach.post(`${base}/planned-appointments/${appointment.id}`, {
      ...dateParts('plannedOn', addDays(now(), 1)),
      plannedTime: '11am',
      place: 'home',
      withWhom: '',
      purpose: 'Check the tenancy',
      workerId: prisonCoachId,
      version: '1',
    });
    expect(saved.statusCode).toBe(302);
    expect(await appointmentRow(test, appointment.id)).toMatchObject({ planned_time: '11:00:00', place: 'home', worker_id: prisonCoachId, version: 2 });
    const change = await test.database.db.selectFrom('record_change').selectAll().where('record_id', '=', appointment.id).executeTakeFirstOrThrow();
    expect(change).toMatchObject({
      record_type: 'appointment',
      kind: 'corrected',
      previous: expect.objectContaining({ planned_time: '10:00:00', place: 'office', worker_id: coachId }),
    });
    const stale = await coach.post(`${base}/planned-appointments/${appointment.id}`, {
      ...dateParts('plannedOn', addDays(now(), 1)),
      place: 'phone',
      workerId: coachId,
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('once entered in error, shows nowhere: not in the diary, the sign-up’s list or the API', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, {
      episodeId: episode.id,
      plannedOn: now(),
      workerId: leaderId,
      with_whom: 'Recorded on the wrong person',
    });
    expect((await leader.get('/diary')).body).toContain('Recorded on the wrong person');
    const marked = await leader.post(`${base}/planned-appointments/${appointment.id}/entered-in-error`, { reason: 'Wrong client', version: '1' });
    expect(marked.statusCode).toBe(302);
    expect((await leader.get('/diary')).body).not.toContain('Recorded on the wrong person');
    const section = await appointmentsForSignUp(await ctxAs(test, 'team_leader'), episode.id);
    expect([...section.planned, ...section.recent]).toEqual([]);
    const listed = await test.app.inject({ method: 'GET', url: `/api/v1${base}/planned-appointments`, headers: await apiHeadersFor(test, 'team_leader') });
    expect(listed.json()).toEqual({ appointments: [] });
  });
});

describe('the API', () => {
  it('plans, lists, corrects, records cancelled or missed (never kept), and enters in error', async () => {
    const { base } = await client();
    const headers = await apiHeadersFor(test, 'community_life_coach');
    const url = `/api/v1${base}/planned-appointments`;
    const bad = await test.app.inject({ method: 'POST', url, headers, payload: { plannedOn: addDays(now(), -1), place: 'agency' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const created = await test.app.inject({
      method: 'POST',
      url,
      headers,
      payload: { plannedOn: addDays(now(), 2), plannedTime: '09:30', place: 'gate', purpose: 'Meet at the gate' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const listed = await test.app.inject({ method: 'GET', url, headers });
    expect(listed.json()).toMatchObject({
      appointments: [
        { id, plannedTime: '09:30', place: 'gate', placeLabel: 'At the gate', status: 'planned', workerId: coachId, version: 1, mayCorrect: true },
      ],
    });
    expect(await auditRows(test, listed.headers['x-request-id'])).toEqual([expect.objectContaining({ action: 'read', record_type: 'episode' })]);
    const corrected = await test.app.inject({
      method: 'PUT',
      url: `${url}/${id}`,
      headers,
      payload: { plannedOn: addDays(now(), 2), plannedTime: '10:00', place: 'gate', version: 1 },
    });
    expect(corrected.statusCode).toBe(204);
    expect(await appointmentRow(test, id)).toMatchObject({ planned_time: '10:00:00', worker_id: coachId, version: 2 });
    const kept = await test.app.inject({ method: 'POST', url: `${url}/${id}/status`, headers, payload: { status: 'kept', version: 2 } });
    expect(kept.statusCode).toBe(400);
    const missed = await test.app.inject({
      method: 'POST',
      url: `${url}/${id}/status`,
      headers,
      payload: { status: 'missed', reason: 'Not released', version: 2 },
    });
    expect(missed.statusCode).toBe(204);
    const inError = await test.app.inject({ method: 'POST', url: `${url}/${id}/entered-in-error`, headers, payload: { reason: 'Duplicate', version: 3 } });
    expect(inError.statusCode).toBe(204);
    expect((await test.app.inject({ method: 'GET', url, headers })).json()).toEqual({ appointments: [] });
  });

  it('keeps an appointment when a contact is recorded for it', async () => {
    const { episode, base } = await client();
    const appointment = await buildAppointment(test, { episodeId: episode.id, plannedOn: now(), workerId: coachId });
    const headers = await apiHeadersFor(test, 'community_life_coach');
    const contact = await test.app.inject({
      method: 'POST',
      url: `/api/v1${base}/contacts`,
      headers,
      payload: { contactOn: now(), contactType: 'phone', outcome: 'happened', appointmentId: appointment.id },
    });
    expect(contact.statusCode).toBe(201);
    expect(await appointmentRow(test, appointment.id)).toMatchObject({ status: 'kept', contact_id: (contact.json() as { id: string }).id });
  });
});

describe('subject access and the programme export', () => {
  it('includes appointments, and the audit events about them', async () => {
    const { person, base } = await client();
    const planned = await coach.post(`${base}/planned-appointments/new`, { ...dateParts('plannedOn', now()), place: 'agency', withWhom: 'Subject access agency', workerId: coachId });
    expect(planned.statusCode).toBe(302);
    const admin = await sessionAs(test, 'administrator');
    const json = (await admin.get(`/people/${person.id}/subject-access.json`)).body;
    expect(json).toMatch(/"withWhom": "Subject access agency"/);
    expect(json).toMatch(/"recordType": "appointment"/);
    expect((await admin.get(`/people/${person.id}/subject-access`)).body).toContain('With an agency');
    const zip = await admin.get('/admin/export.zip');
    expect(zip.statusCode).toBe(200);
    expect(zip.rawPayload.includes(Buffer.from('appointment.csv'))).toBe(true);
  });
});
