import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { buildReferralScene, referralInput } from '../support/referrals.ts';
import { dateParts } from '../support/forms.ts';
import { makeReferral, recordCoachStep } from '../../src/modules/referrals/service.ts';

let test: TestApp;
let coach: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'prison_life_coach');
});
afterAll(async () => test.close());

const referralRows = (episodeId: string) => test.database.db.selectFrom('referral').selectAll().where('episode_id', '=', episodeId).orderBy('created_at').execute();
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

/** The make-a-referral form's fields, sending to `serviceId` with consent; override what a test is about. */
const form = (serviceId: string, change: Record<string, string> = {}) => ({
  serviceId,
  agencyName: '',
  how: 'send',
  needDomain: 'accommodation',
  reason: 'Needs a tenancy on release',
  urgency: 'soon',
  consent: 'given',
  consentHow: 'written',
  ...dateParts('consentOn', '2026-02-01'),
  shared: 'liberation_date',
  sharedNote: '',
  ...dateParts('sentOn', '2026-02-02'),
  ...change,
});

async function scene() {
  const s = await buildReferralScene(test);
  const base = `/people/${s.person.id}/sign-ups/${s.episode.id}`;
  return { ...s, base, ids: { personId: s.person.id, episodeId: s.episode.id } };
}

describe('making a referral', () => {
  it('offers the directory’s services for the need chosen, and says what the sign-up records about consent', async () => {
    const s = await scene();
    const page = await coach.get(`${s.base}/referrals/new?need=accommodation`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toMatch(/Housing First \d+: Tenancy support \(answers in Throughcare\)/);
    expect(text(page.body)).toContain('They agreed to their information being shared with partner agencies (5 January 2026)');
    expect(text((await coach.get(`${s.base}/referrals/new?need=employment`)).body)).not.toContain('Tenancy support');
  });

  it('shows every problem of a bad form at once, in page order, and saves nothing', async () => {
    const s = await scene();
    const bad = await coach.post(`${s.base}/referrals/new`, { serviceId: '', agencyName: '', needDomain: '', reason: '', ...dateParts('consentOn', '2026-02-31'), ...dateParts('sentOn', '') });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Select the service, or enter the name of an agency not in the directory',
      'Select how the referral is made',
      'Select the need the referral is about',
      'Enter the reason for the referral',
      'Select how urgent it is',
      'Select whether they agree to their information being shared',
      'Date they answered must be a real date',
      'Enter the date of the referral',
    ]);
    expect(await referralRows(s.episode.id)).toEqual([]);
  });

  it('will not send one without their consent, saying so on the page, and records it as made another way sharing nothing', async () => {
    const s = await scene();
    const refused = await coach.post(`${s.base}/referrals/new`, form(s.serviceId, { consent: 'refused', consentHow: '' }));
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'A referral sent through Throughcare shares their information, so they must agree to it. Without their agreement, record it as made another way',
      'Nothing can be shared without their consent',
    ]);
    expect(await referralRows(s.episode.id)).toEqual([]);
    const logged = await coach.post(`${s.base}/referrals/new`, form(s.serviceId, { how: 'log', consent: 'refused', consentHow: '', shared: '' }));
    expect(logged.statusCode).toBe(302);
    expect(await referralRows(s.episode.id)).toEqual([expect.objectContaining({ mode: 'logged', shared: [], consent: 'refused' })]);
  });

  it('sends one to an agency answering in Throughcare, lists it on the sign-up, and audits it', async () => {
    const s = await scene();
    const sent = await coach.post(`${s.base}/referrals/new`, form(s.serviceId));
    expect(sent.statusCode).toBe(302);
    const [row] = await referralRows(s.episode.id);
    expect(row).toMatchObject({ mode: 'live', status: 'sent', service_id: s.serviceId, shared: ['liberation_date'], answer_due_on: '2026-02-05' });
    expect((await auditRows(test, sent.headers['x-request-id'])).map((a) => [a.action, a.record_type])).toContainEqual(['create', 'referral']);
    const signUp = await coach.get(s.base);
    expect(text(signUp.body)).toMatch(/Referrals 1 referral, 1 open, 1 overdue\. Housing First \d+: Tenancy support : Accommodation, 2 February 2026 Waiting for an answer Overdue/);
  });

  it('takes an agency not in the directory only as a referral made another way', async () => {
    const s = await scene();
    const sending = await coach.post(`${s.base}/referrals/new`, form('', { agencyName: 'Shelter drop-in' }));
    expect(errorSummary(sending.body)).toEqual(['Only a service from the directory can be sent a referral through Throughcare: record this one as made another way']);
    expect((await coach.post(`${s.base}/referrals/new`, form('', { agencyName: 'Shelter drop-in', how: 'log' }))).statusCode).toBe(302);
    expect(await referralRows(s.episode.id)).toEqual([expect.objectContaining({ mode: 'logged', agency_name: 'Shelter drop-in', service_id: null })]);
  });
});

describe('a referral’s page and its steps', () => {
  it('shows the details, what is shared and each step, and offers only the coach’s steps', async () => {
    const s = await scene();
    const id = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId) });
    const page = await coach.get(`${s.base}/referrals/${id}`);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain('Sent through Throughcare: the agency answers it here');
    expect(words).toContain('Given in writing on 1 February 2026, recorded by Morag Campbell');
    expect(words).toContain('Their liberation date (expected or actual)');
    expect(words).toMatch(/Referral sent 2 February 2026, recorded by/);
    expect(page.body).toContain(`${s.base}/referrals/${id}/steps/withdrawn`);
    expect(page.body).toContain(`${s.base}/referrals/${id}/steps/note`);
    expect(page.body).not.toContain('/steps/accepted');
    expect((await auditRows(test, page.headers['x-request-id'])).map((a) => [a.action, a.record_type])).toContainEqual(['read', 'referral']);
  });

  it('refuses a step the lifecycle does not allow with a clear message (409), and changes nothing', async () => {
    const s = await scene();
    const id = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId) });
    const refused = await coach.get(`${s.base}/referrals/${id}/steps/accepted`);
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('The agency records “accepted” on a referral sent to them.');
    const posted = await coach.post(`${s.base}/referrals/${id}/steps/attended`, { version: '1', ...dateParts('happenedOn', '2026-02-03'), accompanied: 'yes' });
    expect(posted.statusCode).toBe(409);
    expect(text(posted.body)).toContain('A referral that is “waiting for an answer” cannot be marked “attended”.');
    expect((await referralRows(s.episode.id))[0]?.status).toBe('sent');
  });

  it('checks a step’s form: what the step needs, and its date against the referral', async () => {
    const s = await scene();
    const id = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
    const withdraw = await coach.post(`${s.base}/referrals/${id}/steps/withdrawn`, { version: '1', ...dateParts('happenedOn', '2026-02-01'), note: '' });
    expect(withdraw.statusCode).toBe(400);
    expect(errorSummary(withdraw.body)).toEqual(['The date must be on or after 2 February 2026, when the referral was made', 'Enter why the referral is withdrawn']);
    const decline = await coach.post(`${s.base}/referrals/${id}/steps/declined`, { version: '1', ...dateParts('happenedOn', '2026-02-30') });
    expect(errorSummary(decline.body)).toEqual(['Select why the referral is declined', 'Date it was declined must be a real date']);
    await recordCoachStep({ ctx: s.coachCtx, ...s.ids, referralId: id, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
    const book = await coach.post(`${s.base}/referrals/${id}/steps/appointment_booked`, { version: '2', ...dateParts('happenedOn', '2026-02-03'), ...dateParts('appointmentOn', ''), appointmentTime: 'teatime' });
    expect(errorSummary(book.body)).toEqual(['Enter the date of the appointment', 'Enter the time of the appointment like 10am, 2.30pm or 14:30']);
    expect((await referralRows(s.episode.id))[0]).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('lists the steps in the order they were recorded, even when recorded together in one transaction', async () => {
    const s = await scene();
    const id = await test.database.db.transaction().execute(async (db) => {
      const ctx = { ...s.coachCtx, db };
      const made = await makeReferral({ ctx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
      await recordCoachStep({ ctx, ...s.ids, referralId: made, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
      await recordCoachStep({ ctx, ...s.ids, referralId: made, version: 2, step: 'appointment_booked', input: { happenedOn: '2026-02-03', appointmentOn: '2026-02-10', appointmentTime: '10:30' } });
      await recordCoachStep({ ctx, ...s.ids, referralId: made, version: 3, step: 'note', input: { happenedOn: '2026-02-03', note: 'Rang to confirm' } });
      return made;
    });
    const steps = text((await coach.get(`${s.base}/referrals/${id}`)).body).split('Steps').pop() ?? '';
    const order = ['Referral recorded (made outside Throughcare)', 'Accepted', 'Appointment booked', 'Note'].map((words) => steps.indexOf(words));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('records a logged referral’s every step, with who and when, and a stale form is refused', async () => {
    const s = await scene();
    const id = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
    const step = (name: string, fields: Record<string, string>) => coach.post(`${s.base}/referrals/${id}/steps/${name}`, fields);
    expect((await step('accepted', { version: '1', ...dateParts('happenedOn', '2026-02-03') })).statusCode).toBe(302);
    const stale = await step('appointment_booked', { version: '1', ...dateParts('happenedOn', '2026-02-03'), ...dateParts('appointmentOn', '2026-02-10'), appointmentTime: '2pm' });
    expect(stale.statusCode).toBe(409);
    expect((await step('appointment_booked', { version: '2', ...dateParts('happenedOn', '2026-02-03'), ...dateParts('appointmentOn', '2026-02-10'), appointmentTime: '2pm' })).statusCode).toBe(302);
    expect((await step('attended', { version: '3', ...dateParts('happenedOn', '2026-02-10'), accompanied: 'yes', note: 'Went well' })).statusCode).toBe(302);
    const [row] = await referralRows(s.episode.id);
    expect(row).toMatchObject({ status: 'attended', appointment_on: '2026-02-10', appointment_time: '14:00:00', attended_on: '2026-02-10', accompanied: true });
    const page = text((await coach.get(`${s.base}/referrals/${id}`)).body);
    expect(page).toContain('Appointment: 10 February 2026 at 14:00');
    expect(page).toContain('The coach went with them');
    expect(page).toContain('Note: Went well');
  });
});

describe('entered in error', () => {
  it('is kept struck through with its reason, leaves the counts and the timeline’s steps, and takes no more steps', async () => {
    const s = await scene();
    const kept = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log', sentOn: '2026-11-20' }) });
    const wrong = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
    const empty = await coach.post(`${s.base}/referrals/${wrong}/entered-in-error`, { version: '1', reason: '' });
    expect(errorSummary(empty.body)).toEqual(['Enter why it was entered in error']);
    expect((await coach.post(`${s.base}/referrals/${wrong}/entered-in-error`, { version: '1', reason: 'Wrong client' })).statusCode).toBe(302);
    const signUp = text((await coach.get(s.base)).body);
    expect(signUp).toContain('1 referral, 1 open, 1 overdue.');
    expect(signUp).toMatch(/Accommodation, 2 February 2026 Entered in error/);
    const page = await coach.get(`${s.base}/referrals/${wrong}`);
    expect(text(page.body)).toContain('Entered in error: Wrong client.');
    expect(page.body).not.toContain('/steps/');
    expect((await coach.get(`${s.base}/referrals/${wrong}/steps/note`)).statusCode).toBe(409);
    const timeline = text((await coach.get(`/people/${s.person.id}`)).body);
    expect(timeline).toContain('Entered in error: Wrong client');
    expect(kept).toBeTruthy();
  });
});
