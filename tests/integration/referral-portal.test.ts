import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildTestApp, decodeEntities, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';
import { buildAgencyUser, buildReferralScene, referralInput } from '../support/referrals.ts';
import { buildContact, buildEpisode } from '../support/journey.ts';
import { buildOrganisation } from '../support/agencies.ts';
import { makeReferral, markReferralInError } from '../../src/modules/referrals/service.ts';
import { today } from '../../src/http/date-fields.ts';
import { addDays } from '../../src/http/calendar.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => test.close());

type Scene = Awaited<ReturnType<typeof buildReferralScene>>;

/** A client whose record holds much the agency must never see: contact details, a contact note, another sign-up. */
async function sceneWithRecord() {
  const scene = await buildReferralScene(test);
  const db = test.database.db;
  await db
    .updateTable('person')
    .set({ phone: '07700 900555', email: 'client@example.org', address: '1 Hidden Road, Glasgow' })
    .where('id', '=', scene.person.id)
    .execute();
  await db
    .updateTable('episode')
    .set({ expected_liberation_on: '2026-03-01', gate_notes: 'Gate note for the coach only' })
    .where('id', '=', scene.episode.id)
    .execute();
  await buildContact(test, { episodeId: scene.episode.id, contactOn: '2026-01-10', notes: 'Contact note about their family' });
  await buildEpisode(test, {
    personId: scene.person.id,
    signed_up_on: '2020-01-05',
    prisonName: 'Polmont',
    closed_on: '2020-06-01',
    gate_notes: 'An earlier sign-up of theirs',
  });
  return { ...scene, ids: { personId: scene.person.id, episodeId: scene.episode.id } };
}

const send = (scene: Scene, change: Parameters<typeof referralInput>[1] = {}) =>
  makeReferral({ ctx: scene.coachCtx, personId: scene.person.id, episodeId: scene.episode.id, input: referralInput(scene.serviceId, change) });

const agencyBrowser = (scene: Scene) => sessionFor(test, scene.agency.user.id);
const page = (id: string) => `/agency/referrals/${id}`;
const statusOf = async (id: string) =>
  (await test.database.db.selectFrom('referral').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).status;
const versionOf = async (id: string) =>
  String((await test.database.db.selectFrom('referral').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** Posts a step as the step page's form does (dates in three boxes). */
async function postStep(browser: Browser, id: string, step: string, fields: Record<string, string> = {}, on = '2026-02-03') {
  const [year = '', month = '', day = ''] = on.split('-');
  return browser.post(`${page(id)}/steps/${step}`, {
    'happenedOn-day': day,
    'happenedOn-month': month,
    'happenedOn-year': year,
    version: await versionOf(id),
    ...fields,
  });
}

describe('the partner agency’s referral page', () => {
  it('shows the client’s name and only what the referral shares, and audits the reading', async () => {
    const scene = await sceneWithRecord();
    const onlyBirth = await send(scene, { shared: ['date_of_birth'], sharedNote: 'Prefers mornings' });
    const everything = await send(scene, { shared: ['date_of_birth', 'contact_details', 'liberation_date', 'needs', 'coach_contact'] });
    const browser = await agencyBrowser(scene);

    const narrow = await browser.get(page(onlyBirth));
    expect(narrow.statusCode).toBe(200);
    const html = decodeEntities(narrow.body);
    expect(html).toContain(`${scene.person.first_name} ${scene.person.last_name}`);
    expect(html).toContain('15 June 1985');
    expect(html).toContain('Prefers mornings');
    for (const hidden of [
      '07700 900555',
      'client@example.org',
      '1 Hidden Road',
      '1 March 2026',
      'Needs a tenancy on release',
      'Morag Campbell',
      'prison.coach@roop.example',
    ])
      expect(html).not.toContain(hidden);
    for (const never of ['Contact note about their family', 'Gate note for the coach only', 'An earlier sign-up of theirs', 'Polmont', 'Barlinnie'])
      expect(html).not.toContain(never);
    expect((await auditRows(test, narrow.headers['x-request-id'])).map((row) => [row.action, row.record_type, row.record_id])).toEqual([
      ['read', 'referral', onlyBirth],
    ]);

    const wide = decodeEntities((await browser.get(page(everything))).body);
    for (const shown of [
      '07700 900555',
      'client@example.org',
      '1 Hidden Road',
      'Expected liberation date',
      '1 March 2026',
      'Accommodation',
      'Needs a tenancy on release',
      'Morag Campbell',
      'prison.coach@roop.example',
    ]) {
      expect(wide).toContain(shown);
    }
    for (const never of ['Contact note about their family', 'Gate note for the coach only', 'An earlier sign-up of theirs', 'Polmont'])
      expect(wide).not.toContain(never);
  });

  it('shows only the name once the sign-up’s consent to share is withdrawn', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene, { shared: ['date_of_birth', 'contact_details', 'needs'], sharedNote: 'Prefers mornings' });
    await test.database.db.updateTable('episode').set({ sharing_consent_withdrawn_on: '2026-02-10' }).where('id', '=', scene.episode.id).execute();
    const html = decodeEntities((await (await agencyBrowser(scene)).get(page(id))).body);
    expect(html).toContain(`${scene.person.first_name} ${scene.person.last_name}`);
    expect(html).toContain('They withdrew their consent to share their information on 10 February 2026, so only their name is shown.');
    for (const hidden of ['15 June 1985', '07700 900555', 'Needs a tenancy on release', 'Prefers mornings']) expect(html).not.toContain(hidden);
  });
});

describe('what the agency saw, in the client’s subject access', () => {
  it('names the agency’s user who opened the referral, listed it on their home page or list, or downloaded it', async () => {
    const scene = await sceneWithRecord();
    await send(scene, { sentOn: today(), consentOn: today() });
    const id = await send(scene, { sentOn: today(), consentOn: today() });
    const browser = await agencyBrowser(scene);
    for (const url of ['/', '/agency/referrals', '/agency/referrals.csv', page(id)]) expect((await browser.get(url)).statusCode, url).toBe(200);
    const admin = await sessionAs(test, 'administrator');
    const json = JSON.parse((await admin.get(`/people/${scene.person.id}/subject-access.json`)).body);
    const seen = (json.auditTrail as { who: string; action: string; detail: Record<string, unknown> | null }[])
      .filter((event) => event.who === scene.agency.user.display_name)
      .map((event) => [event.action, event.detail?.view, event.detail?.peopleListed]);
    expect(seen).toEqual([
      ['list', 'agency-home', 1],
      ['list', 'agency-referrals', 1],
      ['list', 'agency-referrals', 1],
      ['export', 'agency-referrals', 1],
      ['read', 'agency', 1],
    ]);
  });
});

describe('another agency’s user, and referrals that are not the agency’s to see', () => {
  it('sees nothing of a referral sent to another agency, in lists or by its address', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const other = await sessionFor(test, (await buildAgencyUser(test, await buildOrganisation(test, { name: 'Elsewhere Trust' }))).user.id);
    const name = `${scene.person.first_name} ${scene.person.last_name}`;
    expect((await other.get(page(id))).statusCode).toBe(403);
    expect((await other.get(`${page(id)}/steps/accepted`)).statusCode).toBe(403);
    expect((await postStep(other, id, 'accepted')).statusCode).toBe(403);
    expect(await statusOf(id)).toBe('sent');
    for (const list of ['/', '/agency/referrals', '/agency/referrals?status=sent', '/agency/referrals?status=overdue']) {
      const response = await other.get(list);
      expect(response.statusCode, list).toBe(200);
      expect(response.body, list).not.toContain(name);
    }
    expect((await (await agencyBrowser(scene)).get('/agency/referrals')).body).toContain(name);
    expect((await other.get('/agency/referrals.csv')).body).not.toContain(scene.person.last_name);
  });

  it('never lists or opens a logged referral or one entered in error', async () => {
    const scene = await sceneWithRecord();
    const logged = await send(scene, { how: 'log' });
    const mistaken = await send(scene);
    await markReferralInError({ ctx: scene.coachCtx, ...scene.ids, referralId: mistaken, version: 1, reason: 'Wrong client' });
    const browser = await agencyBrowser(scene);
    for (const id of [logged, mistaken]) expect((await browser.get(page(id))).statusCode).toBe(403);
    for (const list of ['/', '/agency/referrals']) expect((await browser.get(list)).body).not.toContain(scene.person.last_name);
  });

  it('is not open to staff, whose pages are elsewhere', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    for (const role of ['prison_life_coach', 'team_leader', 'administrator'] as const) {
      const staff = await sessionAs(test, role);
      expect((await staff.get(page(id))).statusCode, role).toBe(403);
      expect((await staff.get('/agency/referrals')).statusCode, role).toBe(403);
    }
  });
});

describe('the agency’s steps', () => {
  it('accepts, books, records attendance, the outcome and a note, each audited and shown on the page', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const browser = await agencyBrowser(scene);
    const steps: [string, Record<string, string>, string, string][] = [
      ['accepted', {}, '2026-02-03', 'accepted'],
      [
        'appointment_booked',
        { 'appointmentOn-day': '10', 'appointmentOn-month': '2', 'appointmentOn-year': '2026', appointmentTime: '10:30' },
        '2026-02-03',
        'appointment_booked',
      ],
      ['attended', { accompanied: 'yes' }, '2026-02-10', 'attended'],
      ['outcome_recorded', { outcomeResult: 'support_started', note: 'Tenancy signed' }, '2026-02-20', 'outcome_recorded'],
      ['note', { note: 'Please call us about the keys' }, '2026-02-21', 'outcome_recorded'],
    ];
    for (const [step, fields, on, status] of steps) {
      expect((await browser.get(`${page(id)}/steps/${step}`)).statusCode, step).toBe(200);
      const response = await postStep(browser, id, step, fields, on);
      expect(response.statusCode, `${step}: ${errorSummary(response.body).join('; ')}`).toBe(302);
      expect(response.headers.location).toBe(page(id));
      expect(await statusOf(id)).toBe(status);
      expect((await auditRows(test, response.headers['x-request-id'])).map((row) => [row.action, row.record_type, row.record_id])).toEqual([
        ['update', 'referral', id],
      ]);
    }
    const html = decodeEntities((await browser.get(page(id))).body);
    for (const shown of [
      'Outcome recorded',
      '10 February 2026, 10:30',
      'The coach went with them',
      'Result: Support started',
      'Tenancy signed',
      'Please call us about the keys',
    ])
      expect(html).toContain(shown);
    const row = await test.database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      answered_on: '2026-02-03',
      appointment_on: '2026-02-10',
      attended_on: '2026-02-10',
      accompanied: true,
      outcome_result: 'support_started',
    });
  });

  it('declines with a reason, and shows bad input in the error summary, changing nothing', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const browser = await agencyBrowser(scene);
    const bad = await postStep(browser, id, 'declined', {}, '2026-02-01');
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Select why the referral is declined', 'The date must be on or after 2 February 2026, when the referral was made']);
    const noNote = await postStep(browser, id, 'declined', { declineReason: 'other' });
    expect(errorSummary(noNote.body)).toEqual(['Enter the reason it is declined']);
    expect(await statusOf(id)).toBe('sent');
    expect((await postStep(browser, id, 'declined', { declineReason: 'no_capacity' })).statusCode).toBe(302);
    expect(await statusOf(id)).toBe('declined');
    expect(decodeEntities((await browser.get(page(id))).body)).toContain('Reason: No capacity at the moment');
  });

  it('refuses a note longer than the referral keeps, with a message rather than a fault', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const response = await postStep(await agencyBrowser(scene), id, 'note', { note: 'x'.repeat(2001) });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['The note must be 2000 characters or fewer']);
  });

  it('refuses a step the referral’s status or the agency’s side does not allow, with why (409)', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const browser = await agencyBrowser(scene);
    const early = await browser.get(`${page(id)}/steps/attended`);
    expect(early.statusCode).toBe(409);
    expect(errorSummary(early.body)).toEqual(['A referral that is “waiting for an answer” cannot be marked “attended”.']);
    const posted = await postStep(browser, id, 'attended', { accompanied: 'no' });
    expect(posted.statusCode).toBe(409);
    expect(errorSummary(posted.body)).toEqual(['A referral that is “waiting for an answer” cannot be marked “attended”.']);
    expect(errorSummary((await browser.get(`${page(id)}/steps/withdrawn`)).body)).toEqual(['Only the coach can record “withdrawn”.']);
    expect((await browser.get(`${page(id)}/steps/flying`)).statusCode).toBe(404);
    expect(await statusOf(id)).toBe('sent');
  });

  it('refuses a step saved from an old version of the referral', async () => {
    const scene = await sceneWithRecord();
    const id = await send(scene);
    const browser = await agencyBrowser(scene);
    const stale = await versionOf(id);
    expect((await postStep(browser, id, 'note', { note: 'First' })).statusCode).toBe(302);
    const response = await postStep(browser, id, 'note', { note: 'Second', version: stale });
    expect(response.statusCode).toBe(409);
    expect(errorSummary(response.body)[0]).toMatch(/^Someone else recorded a step of this referral while you were looking at it/);
  });
});

describe('the agency’s lists', () => {
  it('home lists the overdue, those waiting for an answer and the appointments booked; the list filters by status', async () => {
    const scene = await sceneWithRecord();
    const now = today();
    const overdue = await send(scene, { sentOn: '2026-02-02' });
    const waiting = await send(scene, { sentOn: now, consentOn: now });
    const booked = await send(scene, { sentOn: '2026-02-02' });
    const missed = await send(scene, { sentOn: '2026-02-02' });
    const browser = await agencyBrowser(scene);
    expect((await postStep(browser, missed, 'accepted')).statusCode).toBe(302);
    const past = { 'appointmentOn-day': '10', 'appointmentOn-month': '2', 'appointmentOn-year': '2026' };
    expect((await postStep(browser, missed, 'appointment_booked', past)).statusCode).toBe(302);
    expect((await postStep(browser, booked, 'accepted')).statusCode).toBe(302);
    const appointment = addDays(now, 5).split('-');
    const fields = { 'appointmentOn-day': appointment[2] ?? '', 'appointmentOn-month': appointment[1] ?? '', 'appointmentOn-year': appointment[0] ?? '' };
    expect((await postStep(browser, booked, 'appointment_booked', fields)).statusCode).toBe(302);

    const home = await browser.get('/');
    const table = (tableId: string) => home.body.match(new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`))?.[0] ?? '';
    expect(table('overdue-referrals')).toContain(page(overdue));
    expect(table('overdue-referrals')).toContain(page(missed));
    expect(table('booked-referrals')).not.toContain(page(missed));
    expect(table('waiting-referrals')).toContain(page(waiting));
    expect(table('waiting-referrals')).not.toContain(page(overdue));
    expect(table('booked-referrals')).toContain(page(booked));
    expect(home.body).toContain('href="/agency/referrals"');
    expect((await auditRows(test, home.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toEqual([['list', 'referral']]);

    const overdueList = await browser.get('/agency/referrals?status=overdue');
    expect(overdueList.body).toContain(page(overdue));
    expect(overdueList.body).not.toContain(page(waiting));
    expect(overdueList.body).toContain(page(missed));
    expect(overdueList.body.match(/govuk-tag--red">\s*Overdue/g)?.length).toBe(2);
    const bookedList = (await browser.get('/agency/referrals?status=appointment_booked')).body;
    expect([bookedList.includes(page(booked)), bookedList.includes(page(waiting))]).toEqual([true, false]);
    const all = await browser.get('/agency/referrals');
    for (const id of [overdue, waiting, booked]) expect(all.body).toContain(page(id));
    expect((await auditRows(test, all.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toEqual([['list', 'referral']]);

    const csv = await browser.get('/agency/referrals.csv?status=overdue');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Client,Service,Sent,Answer by,Urgency,Status,Overdue,Appointment,Time');
    expect(lines.slice(1).map((line) => line.split(',').slice(5, 8))).toEqual([
      ['Appointment booked', 'Yes', '2026-02-10'],
      ['Waiting for an answer', 'Yes', ''],
    ]);
    expect((await auditRows(test, csv.headers['x-request-id'])).map((row) => row.action).sort()).toEqual(['export', 'list']);
    expect((await browser.get('/agency/referrals.xlsx?status=lost')).statusCode).toBe(400);

    const nonsense = await browser.get('/agency/referrals?status=lost');
    expect(nonsense.statusCode).toBe(400);
    expect(errorSummary(nonsense.body)).toEqual(['Select a status from the list']);
  });
});
