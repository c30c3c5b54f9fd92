import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { buildReferralScene, referralInput } from '../support/referrals.ts';
import { buildService } from '../support/agencies.ts';
import { dateParts } from '../support/forms.ts';
import { outcomeApiHeaders, postOutcomeForm } from '../support/outcomes.ts';
import { makeReferral, recordCoachStep } from '../../src/modules/referrals/service.ts';

let test: TestApp;
let coach: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'prison_life_coach');
});
afterAll(async () => test.close());

const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
const referral = (id: string) => test.database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function scene() {
  const s = await buildReferralScene(test);
  return { ...s, base: `/people/${s.person.id}/sign-ups/${s.episode.id}`, ids: { personId: s.person.id, episodeId: s.episode.id } };
}

/** A logged referral taken to "attended" by the coach. */
async function attendedReferral(s: Awaited<ReturnType<typeof scene>>) {
  const id = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
  const step = (version: number, name: Parameters<typeof recordCoachStep>[0]['step'], input: Parameters<typeof recordCoachStep>[0]['input']) =>
    recordCoachStep({ ctx: s.coachCtx, ...s.ids, referralId: id, version, step: name, input });
  await step(1, 'accepted', { happenedOn: '2026-02-03' });
  await step(2, 'appointment_booked', { happenedOn: '2026-02-03', appointmentOn: '2026-02-10' });
  await step(3, 'attended', { happenedOn: '2026-02-10', accompanied: false });
  return id;
}

describe('referrals on the person’s timeline', () => {
  it('shows each referral’s made, answered, attended and closed steps, linking to it', async () => {
    const s = await scene();
    const id = await attendedReferral(s);
    await recordCoachStep({ ctx: s.coachCtx, ...s.ids, referralId: id, version: 4, step: 'closed', input: { happenedOn: '2026-02-20' } });
    const page = await coach.get(`/people/${s.person.id}`);
    const words = text(page.body);
    for (const title of ['Referral made', 'Referral accepted', 'Attended a referral appointment', 'Referral closed']) expect(words).toContain(title);
    expect(words).not.toContain('Appointment booked');
    expect(page.body).toContain(`${s.base}/referrals/${id}`);
  });
});

describe('a day-one appointment with a directory service', () => {
  it('stores the service and names the agency after it; an agency can still be typed; one or the other is needed', async () => {
    const s = await scene();
    const form = await coach.get(`${s.base}/appointments`);
    expect(text(form.body)).toMatch(/Housing First \d+: Tenancy support/);
    const none = await coach.post(`${s.base}/appointments`, { ...dateParts('appointmentOn', '2026-03-01'), appointmentTime: '', serviceId: '', agency: '', purpose: '' });
    expect(none.statusCode).toBe(400);
    expect(errorSummary(none.body)).toEqual(['Select the service from the directory, or enter the agency']);
    const closed = await buildService(test, { organisationId: s.organisationId, name: 'Closed service', status: 'inactive' });
    const gone = await coach.post(`${s.base}/appointments`, { ...dateParts('appointmentOn', '2026-03-01'), serviceId: closed, agency: '' });
    expect(errorSummary(gone.body)).toEqual(['Select a service the directory still lists as open']);
    expect((await coach.post(`${s.base}/appointments`, { ...dateParts('appointmentOn', '2026-03-01'), appointmentTime: '10am', serviceId: s.serviceId, agency: '', purpose: 'Tenancy' })).statusCode).toBe(302);
    expect((await coach.post(`${s.base}/appointments`, { ...dateParts('appointmentOn', '2026-03-02'), serviceId: '', agency: 'Jobcentre' })).statusCode).toBe(302);
    const rows = await test.database.db.selectFrom('day_one_appointment').select(['agency', 'service_id']).where('episode_id', '=', s.episode.id).orderBy('appointment_on').execute();
    expect(rows).toEqual([
      { agency: expect.stringMatching(/^Housing First \d+: Tenancy support$/), service_id: s.serviceId },
      { agency: 'Jobcentre', service_id: null },
    ]);
  });

  it('can still be corrected, keeping its service, after the service closes; another closed service is refused', async () => {
    const s = await scene();
    expect((await coach.post(`${s.base}/appointments`, { ...dateParts('appointmentOn', '2026-03-01'), serviceId: s.serviceId, agency: '' })).statusCode).toBe(302);
    const { id } = await test.database.db.selectFrom('day_one_appointment').select('id').where('episode_id', '=', s.episode.id).executeTakeFirstOrThrow();
    await test.database.db.updateTable('agency_service').set({ status: 'inactive' }).where('id', '=', s.serviceId).execute();
    const corrected = await coach.post(`${s.base}/appointments/${id}`, { ...dateParts('appointmentOn', '2026-03-03'), serviceId: s.serviceId, agency: '', purpose: 'Moved', version: '1' });
    expect(corrected.statusCode).toBe(302);
    const other = await buildService(test, { organisationId: s.organisationId, name: 'Also closed', status: 'inactive' });
    const refused = await coach.post(`${s.base}/appointments/${id}`, { ...dateParts('appointmentOn', '2026-03-03'), serviceId: other, agency: '', version: '2' });
    expect(errorSummary(refused.body)).toEqual(['Select a service the directory still lists as open']);
    expect(await test.database.db.selectFrom('day_one_appointment').select(['appointment_on', 'service_id', 'purpose']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      appointment_on: '2026-03-03',
      service_id: s.serviceId,
      purpose: 'Moved',
    });
  });
});

describe('an outcome recorded from a referral', () => {
  /** Every field the page's form sends (its hidden CSRF token and version too: an upload takes at most 20 fields). */
  const outcomeFields = (referralId: string) => ({ _csrf: 'also-in-the-query', version: '1', outcomeType: 'accommodation', ...dateParts('achievedOn', '2026-02-12'), detail: 'Tenancy', evidenceKind: 'none', evidenceReference: '', referralId });

  it('is offered once they attended, carries the referral, links the saved outcome, and the referral links back', async () => {
    const s = await scene();
    const id = await attendedReferral(s);
    const page = await coach.get(`${s.base}/referrals/${id}`);
    expect(page.body).toContain(`${s.base}/outcomes?referral=${id}`);
    const form = await coach.get(`${s.base}/outcomes?referral=${id}`);
    expect(form.body).toContain(`name="referralId" value="${id}"`);
    expect((await postOutcomeForm(test, coach, `${s.base}/outcomes`, outcomeFields(id))).statusCode).toBe(302);
    const outcome = await test.database.db.selectFrom('outcome').select('id').where('episode_id', '=', s.episode.id).executeTakeFirstOrThrow();
    expect((await referral(id)).outcome_id).toBe(outcome.id);
    const after = await coach.get(`${s.base}/referrals/${id}`);
    expect(text(after.body)).toContain('An outcome was recorded from this referral.');
    expect(after.body).not.toContain(`outcomes?referral=${id}`);
  });

  it('is refused, saving no outcome, for a referral not attended or of another sign-up', async () => {
    const s = await scene();
    const waiting = await makeReferral({ ctx: s.coachCtx, ...s.ids, input: referralInput(s.serviceId, { how: 'log' }) });
    const early = await postOutcomeForm(test, coach, `${s.base}/outcomes`, outcomeFields(waiting));
    expect(early.statusCode).toBe(400);
    expect(errorSummary(early.body)).toEqual(['An outcome can be recorded from a referral only once they attended or the agency recorded a result']);
    const other = await scene();
    const elsewhere = await attendedReferral(other);
    expect(errorSummary((await postOutcomeForm(test, coach, `${s.base}/outcomes`, outcomeFields(elsewhere))).body)).toEqual([
      'The referral this outcome is for is not one of this sign-up’s: record the outcome from the referral’s page',
    ]);
    expect(await test.database.db.selectFrom('outcome').select('id').where('episode_id', '=', s.episode.id).execute()).toEqual([]);
  });
});

describe('the referrals API', () => {
  it('makes, lists, shows, steps and marks in error; problem documents for bad input, 409 for refused steps and stale versions', async () => {
    const s = await scene();
    const headers = await outcomeApiHeaders(test, 'prison_life_coach');
    const url = `/api/v1${s.base}/referrals`;
    const call = (method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) => test.app.inject({ method, url: `${url}${path}`, headers, ...(payload ? { payload } : {}) });

    const bad = await call('POST', '', { ...referralInput(s.serviceId), consent: 'refused', consentHow: undefined, shared: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'consent', message: expect.stringContaining('they must agree to it') }]);
    const made = await call('POST', '', { ...referralInput(s.serviceId) });
    expect(made.statusCode).toBe(201);
    const { id } = made.json() as { id: string };

    const list = await call('GET', '');
    expect(list.statusCode).toBe(200);
    expect(list.json().referrals).toEqual([expect.objectContaining({ id, mode: 'live', status: 'sent', statusText: 'Waiting for an answer', overdue: true, version: 1 })]);
    const one = await call('GET', `/${id}`);
    expect(one.json()).toMatchObject({ id, shared: ['date_of_birth', 'liberation_date'], consent: 'given', stepsOpen: ['withdrawn', 'note'], steps: [{ kind: 'sent', byAgency: false }] });

    const refused = await call('POST', `/${id}/steps`, { step: 'accepted', version: 1, happenedOn: '2026-02-03' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe('The agency records “accepted” on a referral sent to them.');
    const noNote = await call('POST', `/${id}/steps`, { step: 'note', version: 1, happenedOn: '2026-02-03' });
    expect(noNote.statusCode).toBe(400);
    expect((await call('POST', `/${id}/steps`, { step: 'note', version: 1, happenedOn: '2026-02-03', note: 'Rang them' })).statusCode).toBe(204);
    expect((await call('POST', `/${id}/steps`, { step: 'note', version: 1, happenedOn: '2026-02-03', note: 'Again' })).statusCode).toBe(409);

    expect((await call('POST', `/${id}/entered-in-error`, { reason: '', version: 2 })).statusCode).toBe(400);
    expect((await call('POST', `/${id}/entered-in-error`, { reason: 'Wrong client', version: 2 })).statusCode).toBe(204);
    expect((await call('GET', '')).json().referrals).toEqual([expect.objectContaining({ id, enteredInErrorReason: 'Wrong client', overdue: false })]);
  });
});
