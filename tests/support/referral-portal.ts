import { ctxAs, demoUser, type TestApp } from './test-app.ts';
import { buildEpisode, buildPerson } from './journey.ts';
import { referralInput } from './referrals.ts';
import { makeReferral } from '../../src/modules/referrals/service.ts';
import type { ReferralInput } from '../../src/modules/referrals/sending.ts';

/** The demo partner agency user's organisation (the demo seed gives it one) and its first service. */
export async function demoAgency(test: TestApp) {
  const partner = await demoUser(test, 'partner_agency');
  if (!partner.organisation_id) throw new Error('The demo partner agency user has no organisation');
  const service = await test.database.db
    .selectFrom('agency_service')
    .select('id')
    .where('organisation_id', '=', partner.organisation_id)
    .orderBy('name', 'desc')
    .executeTakeFirstOrThrow();
  return { partner, organisationId: partner.organisation_id, serviceId: service.id };
}

/** A referral sent through Throughcare to the demo agency, from a new client of the demo prison life coach. */
export async function buildDemoAgencyReferral(test: TestApp, change: Partial<ReferralInput> = {}) {
  const { serviceId } = await demoAgency(test);
  const coach = await demoUser(test, 'prison_life_coach');
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: '2026-01-05',
    sharing_consent: 'given',
    sharing_consent_on: '2026-01-05',
    workers: { prison_life_coach: coach.id },
  });
  const id = await makeReferral({
    ctx: await ctxAs(test, 'prison_life_coach'),
    personId: person.id,
    episodeId: episode.id,
    input: referralInput(serviceId, change),
  });
  return { id, person, episode };
}
