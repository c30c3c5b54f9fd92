import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import { searchKey } from '../modules/people/names.ts';

/**
 * The demo's partner agency: an organisation of the directory with two services, whose user is the
 * demo partner agency user (roop.ts), so that referrals can be sent to it through Throughcare.
 */
export const DEMO_AGENCY = {
  name: 'Northside Housing Partnership',
  description: 'Tenancy support and money advice for people leaving prison in Glasgow.',
  email: 'referrals@northside-housing.example',
  services: [
    { name: 'Tenancy support', needDomains: ['accommodation'], description: 'Finding and keeping a tenancy.' },
    { name: 'Money and benefits advice', needDomains: ['finance'], description: 'Benefit claims, budgeting and debt.' },
  ],
};

/** Adds the demo agency to the directory; returns its organisation's and services' ids. */
export async function addDemoAgency(tx: Kysely<Database>, programmeId: string) {
  const organisation = await tx
    .insertInto('agency_organisation')
    .values({
      programme_id: programmeId,
      name: DEMO_AGENCY.name,
      description: DEMO_AGENCY.description,
      email: DEMO_AGENCY.email,
      website: null,
      inactive_reason: null,
      created_by: null,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const services: string[] = [];
  for (const service of DEMO_AGENCY.services) {
    const row = await tx
      .insertInto('agency_service')
      .values({
        programme_id: programmeId,
        organisation_id: organisation.id,
        name: service.name,
        description: service.description,
        email: null,
        url: null,
        eligibility_description: null,
        minimum_age: null,
        maximum_age: null,
        last_checked_on: null,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('agency_service_need_domain')
      .values(service.needDomains.map((domain) => ({ programme_id: programmeId, service_id: row.id, domain })))
      .execute();
    services.push(row.id);
  }
  return { organisationId: organisation.id, serviceIds: services };
}

/**
 * One made-up client (only when the demo is served, never in tests' programmes) with two referrals to
 * the demo agency: one waiting for its answer, one accepted with an appointment booked, so that the
 * partner agency portal and the coach's referral pages have something to show.
 */
export async function addDemoReferrals(
  tx: Kysely<Database>,
  props: { programmeId: string; organisationId: string; serviceIds: string[]; coachId: string; partnerId: string; teamId: string; prisonId: string },
) {
  const { programmeId: programme_id, organisationId } = props;
  const now = today();
  const person = await tx
    .insertInto('person')
    .values({
      programme_id,
      first_name: 'Ryan',
      last_name: 'Gallacher',
      date_of_birth: '1991-04-12',
      gender: 'male',
      local_authority_id: null,
      phone: '07700 900123',
      email: null,
      address: null,
      risk_note: null,
      team_id: props.teamId,
      merged_into: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('person_name')
    .values({ programme_id, person_id: person.id, first_name: 'Ryan', last_name: 'Gallacher', is_alias: false, search_key: searchKey('Ryan', 'Gallacher') })
    .execute();
  const signedUpOn = addDays(now, -35);
  const episode = await tx
    .insertInto('episode')
    .values({
      programme_id,
      person_id: person.id,
      prison_id: props.prisonId,
      prison_number: null,
      sentence_months: 10,
      sentenced_on: null,
      expected_liberation_on: addDays(now, 7),
      previous_sentences: 4,
      signed_up_on: signedUpOn,
      eligibility_override_reason: null,
      eligibility_override_by: null,
      team_id: props.teamId,
      liberated_on: null,
      liberation_type: null,
      gate_status: null,
      gate_notes: null,
      non_engagement_reason: null,
      non_engagement_note: null,
      closed_on: null,
      closure_reason: null,
      closure_note: null,
      sharing_consent: 'given',
      sharing_consent_on: signedUpOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('assignment')
    .values({ programme_id, episode_id: episode.id, worker_id: props.coachId, part: 'prison_life_coach', from_on: signedUpOn, reason: 'Demo set-up' })
    .execute();
  const referral = async (r: {
    serviceId: string;
    needDomain: string;
    reason: string;
    sentOn: string;
    answerDays: number;
    status: 'sent' | 'appointment_booked';
    appointmentOn?: string;
  }) => {
    const row = await tx
      .insertInto('referral')
      .values({
        programme_id,
        episode_id: episode.id,
        service_id: r.serviceId,
        organisation_id: organisationId,
        agency_name: null,
        mode: 'live',
        need_domain: r.needDomain,
        reason: r.reason,
        urgency: 'soon',
        shared: ['date_of_birth', 'liberation_date', 'needs', 'coach_contact'],
        consent: 'given',
        consent_how: 'written',
        consent_on: signedUpOn,
        consent_recorded_by: props.coachId,
        sent_on: r.sentOn,
        answer_due_on: addDays(r.sentOn, r.answerDays),
        status: r.status,
        answered_on: r.status === 'sent' ? null : addDays(r.sentOn, 1),
        appointment_on: r.appointmentOn ?? null,
        first_appointment_on: r.appointmentOn ?? null,
        created_by: props.coachId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = { programme_id, referral_id: row.id };
    await tx
      .insertInto('referral_event')
      .values({ ...event, kind: 'sent', happened_on: r.sentOn, recorded_by: props.coachId })
      .execute();
    if (r.status === 'appointment_booked') {
      await tx
        .insertInto('referral_event')
        .values({ ...event, kind: 'accepted', happened_on: addDays(r.sentOn, 1), recorded_by: props.partnerId, by_agency: true })
        .execute();
      await tx
        .insertInto('referral_event')
        .values({
          ...event,
          kind: 'appointment_booked',
          happened_on: addDays(r.sentOn, 1),
          appointment_on: r.appointmentOn ?? null,
          recorded_by: props.partnerId,
          by_agency: true,
        })
        .execute();
    }
  };
  const [tenancy, money] = props.serviceIds;
  if (tenancy)
    await referral({
      serviceId: tenancy,
      needDomain: 'accommodation',
      reason: 'No address to go to on liberation; wants a tenancy in the north of the city.',
      sentOn: addDays(now, -1),
      answerDays: 3,
      status: 'sent',
    });
  if (money)
    await referral({
      serviceId: money,
      needDomain: 'finance',
      reason: 'Needs a benefit claim started before liberation, and help with rent arrears.',
      sentOn: addDays(now, -6),
      answerDays: 3,
      status: 'appointment_booked',
      appointmentOn: addDays(now, 9),
    });
}
