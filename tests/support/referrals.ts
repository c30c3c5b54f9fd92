import { ctxAs, demoUser, type TestApp } from './test-app.ts';
import { buildOrganisation, buildService } from './agencies.ts';
import { buildEpisode, buildPerson, programmeId } from './journey.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import type { SignedInCtx } from '../../src/http/context.ts';
import type { ReferralInput } from '../../src/modules/referrals/sending.ts';

let n = 0;

/** A partner agency's user of `organisationId` (active), as a context for calling services directly. */
export async function buildAgencyUser(test: TestApp, organisationId: string, name = `Agency Worker ${++n}`) {
  const programme_id = await programmeId(test);
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++n}@agency.example`;
  const user = await test.database.db
    .insertInto('app_user')
    .values({ programme_id, email, display_name: name, role: 'partner_agency', team_id: null, password_hash: 'x', organisation_id: organisationId })
    .returningAll()
    .executeTakeFirstOrThrow();
  const ctx: SignedInCtx = { ...(await ctxAs(test, 'prison_life_coach')), actor: actorFromRow({ ...user, time_zone: 'Europe/London' }, 'session'), requestId: `test-${email}` };
  return { user, ctx };
}

/**
 * An agency that answers in Throughcare (an organisation with a housing service and one user), and
 * a client signed up in 2026 whose prison life coach is the demo one, having agreed to share.
 */
export async function buildReferralScene(test: TestApp) {
  const organisationId = await buildOrganisation(test, { name: `Housing First ${++n}` });
  const serviceId = await buildService(test, { organisationId, name: 'Tenancy support', needDomains: ['accommodation'] });
  const agency = await buildAgencyUser(test, organisationId);
  const coach = await demoUser(test, 'prison_life_coach');
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: '2026-01-05',
    sharing_consent: 'given',
    sharing_consent_on: '2026-01-05',
    workers: { prison_life_coach: coach.id },
  });
  return { organisationId, serviceId, agency, coach, person, episode, coachCtx: await ctxAs(test, 'prison_life_coach') };
}

/** A referral to send through Throughcare, with consent given; override what a test is about. */
export const referralInput = (serviceId: string, change: Partial<ReferralInput> = {}): ReferralInput => ({
  how: 'send',
  serviceId,
  needDomain: 'accommodation',
  reason: 'Needs a tenancy on release',
  urgency: 'soon',
  shared: ['date_of_birth', 'liberation_date'],
  consent: 'given',
  consentHow: 'written',
  consentOn: '2026-02-01',
  sentOn: '2026-02-02',
  ...change,
});
