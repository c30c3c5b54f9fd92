import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import { makeReferral, recordAgencyStep } from '../modules/referrals/service.ts';
import type { ReferralInput } from '../modules/referrals/sending.ts';
import { demoActor } from './demo-actor.ts';
import { addDemoClient } from './demo-client.ts';

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
 * One made-up client (only when the demo is served, never in tests' programmes; returned) with two referrals to
 * the demo agency: one waiting for its answer, one accepted with an appointment booked, so that the
 * partner agency portal and the coach's referral pages have something to show. Made as the demo
 * prison life coach and partner agency user would make them, through the same functions as their
 * pages (so recorded, audited and notified like any other), in the seed's transaction.
 */
export async function addDemoReferrals(tx: Kysely<Database>, serviceIds: string[]): Promise<{ personId: string }> {
  const coach = await demoActor(tx, 'prison_life_coach');
  const partner = await demoActor(tx, 'partner_agency');
  const now = today(coach.actor.timeZone);
  const signedUpOn = addDays(now, -35);
  const { personId, episodeId } = await addDemoClient(tx, coach, {
    person: { firstName: 'Ryan', lastName: 'Gallacher', dateOfBirth: '1991-04-12', phone: '07700 900123' },
    sentence: { months: 10, previous: 4, expectedLiberationOn: addDays(now, 7) },
    signedUpOn,
  });
  const send = (input: Pick<ReferralInput, 'serviceId' | 'needDomain' | 'reason' | 'sentOn'>) =>
    makeReferral({
      ctx: coach,
      personId,
      episodeId,
      input: { how: 'send', urgency: 'soon', shared: ['date_of_birth', 'liberation_date', 'needs', 'coach_contact'], consent: 'given', consentHow: 'written', consentOn: signedUpOn, ...input },
    });
  const [tenancy, money] = serviceIds;
  await send({ serviceId: tenancy, needDomain: 'accommodation', reason: 'No address to go to on liberation; wants a tenancy in the north of the city.', sentOn: addDays(now, -1) });
  const booked = await send({ serviceId: money, needDomain: 'finance', reason: 'Needs a benefit claim started before liberation, and help with rent arrears.', sentOn: addDays(now, -6) });
  const answeredOn = addDays(now, -5);
  await recordAgencyStep({ ctx: partner, referralId: booked, version: 1, step: 'accepted', input: { happenedOn: answeredOn } });
  await recordAgencyStep({ ctx: partner, referralId: booked, version: 2, step: 'appointment_booked', input: { happenedOn: answeredOn, appointmentOn: addDays(now, 9) } });
  return { personId };
}
