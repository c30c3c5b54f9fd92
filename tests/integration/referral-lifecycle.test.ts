import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { buildAgencyUser, buildReferralScene, referralInput } from '../support/referrals.ts';
import { buildOrganisation, buildService } from '../support/agencies.ts';
import { agencyReferral, makeReferral, markReferralInError, recordAgencyStep, recordCoachStep } from '../../src/modules/referrals/service.ts';
import { ValidationError } from '../../src/http/errors.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => test.close());

const messagesOf = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (error instanceof ValidationError) return error.problems.map((p) => p.message);
  return error instanceof Error ? [error.message] : [];
};

const referral = (id: string) => test.database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventKinds = async (id: string) => (await test.database.db.selectFrom('referral_event').select('kind').where('referral_id', '=', id).orderBy('recorded_at').execute()).map((e) => e.kind);

describe('a referral through Throughcare', () => {
  it('goes from sent to closed, each step by the side that takes it, and keeps every step', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const id = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) });
    const made = await referral(id);
    expect(made).toMatchObject({ mode: 'live', status: 'sent', organisation_id: scene.organisationId, answer_due_on: '2026-02-05' });

    await recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version: 2, step: 'appointment_booked', input: { happenedOn: '2026-02-03', appointmentOn: '2026-02-10', appointmentTime: '10:30' } });
    await recordCoachStep({ ctx: scene.coachCtx, ...ids, referralId: id, version: 3, step: 'attended', input: { happenedOn: '2026-02-10', accompanied: true } });
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version: 4, step: 'outcome_recorded', input: { happenedOn: '2026-02-20', outcomeResult: 'support_started', note: 'Tenancy signed' } });
    await recordCoachStep({ ctx: scene.coachCtx, ...ids, referralId: id, version: 5, step: 'closed', input: { happenedOn: '2026-02-21' } });

    expect(await referral(id)).toMatchObject({
      status: 'closed',
      answered_on: '2026-02-03',
      first_appointment_on: '2026-02-10',
      attended_on: '2026-02-10',
      accompanied: true,
      outcome_result: 'support_started',
      closed_on: '2026-02-21',
    });
    expect(await eventKinds(id)).toEqual(['sent', 'accepted', 'appointment_booked', 'attended', 'outcome_recorded', 'closed']);
  });

  it('is booked again after a missed appointment and then attended; once attended it cannot be withdrawn', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const id = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) });
    const agency = (version: number, step: Parameters<typeof recordAgencyStep>[0]['step'], input: Parameters<typeof recordAgencyStep>[0]['input']) =>
      recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version, step, input });
    await agency(1, 'accepted', { happenedOn: '2026-02-03' });
    await agency(2, 'appointment_booked', { happenedOn: '2026-02-03', appointmentOn: '2026-02-10' });
    await agency(3, 'did_not_attend', { happenedOn: '2026-02-10' });
    await agency(4, 'appointment_booked', { happenedOn: '2026-02-11', appointmentOn: '2026-02-17' });
    expect(await messagesOf(agency(5, 'attended', { happenedOn: '2026-02-12', accompanied: false }))).toEqual(['The date must be on or after the appointment, 17 February 2026']);
    await agency(5, 'attended', { happenedOn: '2026-02-17', accompanied: false });
    expect(await messagesOf(recordCoachStep({ ctx: scene.coachCtx, ...ids, referralId: id, version: 6, step: 'withdrawn', input: { happenedOn: '2026-02-18', note: 'Moved away' } }))).toEqual([
      'A referral that is “attended” cannot be marked “withdrawn”.',
    ]);
    expect(await referral(id)).toMatchObject({ status: 'attended', first_appointment_on: '2026-02-10', appointment_on: '2026-02-17', attended_on: '2026-02-17', version: 6 });
    expect(await eventKinds(id)).toEqual(['sent', 'accepted', 'appointment_booked', 'did_not_attend', 'appointment_booked', 'attended']);
  });

  it('refuses an illegal step with why, and a step taken by the wrong side', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const id = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) });
    expect(await messagesOf(recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version: 1, step: 'attended', input: { happenedOn: '2026-02-03', accompanied: false } }))).toEqual([
      'A referral that is “waiting for an answer” cannot be marked “attended”.',
    ]);
    expect(await messagesOf(recordCoachStep({ ctx: scene.coachCtx, ...ids, referralId: id, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } }))).toEqual([
      'The agency records “accepted” on a referral sent to them.',
    ]);
    expect(await messagesOf(recordAgencyStep({ ctx: scene.agency.ctx, referralId: id, version: 1, step: 'declined', input: { happenedOn: '2026-02-01' } }))).toEqual([
      'The date must be on or after 2 February 2026, when the referral was made',
      'Select why the referral is declined',
    ]);
    expect((await referral(id)).status).toBe('sent');
    expect(await eventKinds(id)).toEqual(['sent']);
  });

  it('needs consent to send, and never shares anything without it', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    expect(await messagesOf(makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId, { consent: 'refused', consentHow: undefined, shared: [] }) }))).toEqual([
      'A referral sent through Throughcare shares their information, so they must agree to it. Without their agreement, record it as made another way',
    ]);
    expect(await messagesOf(makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId, { how: 'log', consent: 'refused', consentHow: undefined }) }))).toEqual([
      'Nothing can be shared without their consent',
    ]);
    const logged = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId, { how: 'log', consent: 'refused', consentHow: undefined, shared: [] }) });
    expect(await referral(logged)).toMatchObject({ mode: 'logged', shared: [] });
    expect(await messagesOf(agencyReferral(scene.agency.ctx, logged))).toEqual(['You do not have permission to do this.']);

    await test.database.db.updateTable('episode').set({ sharing_consent_withdrawn_on: '2026-01-20' }).where('id', '=', scene.episode.id).execute();
    expect(await messagesOf(makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) }))).toEqual([
      'Their sign-up records that they withdrew consent to share on 20 January 2026. Record on the sign-up that they now agree, or record this referral as made another way',
    ]);
  });

  it('sends only to an agency with users here; another agency’s user sees nothing of it', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const quiet = await buildOrganisation(test, { name: 'No Users Here' });
    const quietService = await buildService(test, { organisationId: quiet });
    expect(await messagesOf(makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(quietService) }))).toEqual([
      'No Users Here has no users in Throughcare, so record the referral as made another way',
    ]);
    const id = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) });
    const other = await buildAgencyUser(test, await buildOrganisation(test));
    expect(await messagesOf(agencyReferral(other.ctx, id))).toEqual(['You do not have permission to do this.']);
    expect(await messagesOf(recordAgencyStep({ ctx: other.ctx, referralId: id, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } }))).toEqual([
      'You do not have permission to do this.',
    ]);
  });

  it('entered in error leaves the agency’s reach and takes no more steps', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const id = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId) });
    await markReferralInError({ ctx: scene.coachCtx, ...ids, referralId: id, version: 1, reason: 'Wrong client' });
    expect(await messagesOf(agencyReferral(scene.agency.ctx, id))).toEqual(['You do not have permission to do this.']);
    expect(await messagesOf(recordCoachStep({ ctx: scene.coachCtx, ...ids, referralId: id, version: 2, step: 'withdrawn', input: { happenedOn: '2026-02-03', note: 'x' } }))).toEqual([
      'This referral was marked entered in error, so nothing more can be recorded on it.',
    ]);
  });
});
