import { buildReading } from './distance.ts';
import { buildJobStart } from './employment.ts';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from './journey.ts';
import { buildOutcome } from './outcomes.ts';
import type { TestApp } from './test-app.ts';

/** The sign-up page's sub-pages, as their paths under /people/:personId/sign-ups/:episodeId. */
export const SUB_PAGES = ['', '/contacts-and-visits', '/needs-and-plan', '/outcomes-and-employment', '/returns-to-custody', '/history'] as const;

/**
 * A client with a risk-to-staff flag, signed up nine weeks before the expected liberation (outside
 * the default window of 4 to 6 weeks), with the demo prison and community life coaches assigned and
 * one contact that signposted them.
 */
export async function buildCase(test: TestApp, props: { firstName?: string; prisonNumber?: string } = {}) {
  const person = await buildPerson(test, {
    first_name: props.firstName ?? 'Morag',
    last_name: 'Lennox',
    prisonNumber: props.prisonNumber,
    risk_to_staff: true,
    risk_note: 'Threatened staff in 2025',
  });
  const [prisonCoach, communityCoach] = await Promise.all([userIdByEmail(test, 'prison.coach@roop.example'), userIdByEmail(test, 'community.coach@roop.example')]);
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: '2026-10-01',
    expected_liberation_on: '2026-12-03',
    liberated_on: '2026-11-02',
    workers: { prison_life_coach: prisonCoach, community_life_coach: communityCoach },
  });
  await buildContact(test, { episodeId: episode.id, contactOn: '2026-11-05', help_given: ['signposted'], notes: 'Talked about housing' });
  return { person, episode, base: `/people/${person.id}/sign-ups/${episode.id}` };
}

/** buildCase, with something in every section: a plan action, an outcome, a job start, a distance reading and a return to custody. */
export async function buildFullCase(test: TestApp, props: { firstName?: string; prisonNumber?: string } = {}) {
  const built = await buildCase(test, props);
  const { episode, person } = built;
  const db = test.database.db;
  await db
    .insertInto('plan_action')
    .values({ programme_id: episode.programme_id, episode_id: episode.id, domain: 'accommodation', goal: 'A tenancy of her own', action: 'Present as homeless on day one', owner_text: 'Life coach', due_on: '2026-11-20', created_by: null })
    .execute();
  await buildOutcome(test, { episodeId: episode.id, achievedOn: '2026-11-10', detail: 'Keys to a flat in Govan' });
  await buildJobStart(test, { episodeId: episode.id, startedOn: '2026-11-16' });
  await buildReading(test, { episodeId: episode.id, readOn: '2026-11-06', workerId: await userIdByEmail(test, 'community.coach@roop.example'), scores: { accommodation: 4 } });
  await db.insertInto('custody_return').values({ programme_id: person.programme_id, person_id: person.id, admitted_on: '2026-11-25', checked_on: '2026-11-28' }).execute();
  return built;
}
