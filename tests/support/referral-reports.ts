import type { ReferralStatus } from '../../src/db/schema.ts';
import { programmeId } from './journey.ts';
import { demoUser, type TestApp } from './test-app.ts';

/**
 * A referral written straight into the tables where it stands (for exact report figures), with a
 * "did not attend" step when `missed`, and marked entered in error when `inError`.
 */
export async function insertReferral(
  test: TestApp,
  props: {
    episodeId: string;
    sentOn: string;
    status: ReferralStatus;
    mode?: 'live' | 'logged';
    organisationId?: string;
    serviceId?: string;
    agencyName?: string;
    needDomain?: string;
    answeredOn?: string;
    declineReason?: string;
    firstAppointmentOn?: string;
    attendedOn?: string;
    accompanied?: boolean;
    outcomeResult?: string;
    missedOn?: string;
    inError?: boolean;
  },
) {
  const db = test.database.db;
  const programme_id = await programmeId(test);
  const coach = await demoUser(test, 'prison_life_coach');
  const referral = await db
    .insertInto('referral')
    .values({
      programme_id,
      episode_id: props.episodeId,
      service_id: props.serviceId ?? null,
      organisation_id: props.organisationId ?? null,
      agency_name: props.agencyName ?? null,
      mode: props.mode ?? 'live',
      need_domain: props.needDomain ?? 'accommodation',
      reason: 'Needs support',
      urgency: 'routine',
      consent: 'given',
      consent_how: 'written',
      consent_on: props.sentOn,
      consent_recorded_by: coach.id,
      status: props.status,
      sent_on: props.sentOn,
      answer_due_on: props.sentOn,
      answered_on: props.answeredOn ?? null,
      decline_reason: props.declineReason ?? null,
      appointment_on: props.firstAppointmentOn ?? null,
      first_appointment_on: props.firstAppointmentOn ?? null,
      attended_on: props.attendedOn ?? null,
      accompanied: props.accompanied ?? null,
      outcome_result: props.outcomeResult ?? null,
      closed_on: props.status === 'withdrawn' || props.status === 'closed' ? props.sentOn : null,
      created_by: coach.id,
      ...(props.inError ? { entered_in_error_at: new Date(), entered_in_error_by: coach.id, entered_in_error_reason: 'Wrong client' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (kind: 'sent' | 'did_not_attend', on: string) =>
    db.insertInto('referral_event').values({ programme_id, referral_id: referral.id, kind, happened_on: on, recorded_by: coach.id }).execute();
  await event('sent', props.sentOn);
  if (props.missedOn) await event('did_not_attend', props.missedOn);
  return referral.id;
}

