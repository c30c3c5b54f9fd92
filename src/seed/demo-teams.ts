import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import { recordVisit } from '../modules/custody/pre-release.ts';
import { recordLiberation } from '../modules/custody/service.ts';
import { addContact } from '../modules/engagement/service.ts';
import { demoActor } from './demo-actor.ts';
import { addDemoClient } from './demo-client.ts';

/** The demo's clients of the Glasgow team: signed up (days ago), visited before release, and what followed. */
const CLIENTS = [
  {
    firstName: 'Darren',
    lastName: 'McAllister',
    dateOfBirth: '1988-02-03',
    signedUp: 120,
    visits: [110, 95],
    liberated: 80,
    gate: 'met',
    contacts: [77, 60, 41],
  },
  { firstName: 'Scott', lastName: 'Ferguson', dateOfBirth: '1996-07-19', signedUp: 100, visits: [90], liberated: 70, gate: 'missed', contacts: [58] },
  { firstName: 'Craig', lastName: 'Donnelly', dateOfBirth: '1979-11-30', signedUp: 90, visits: [], liberated: 60, gate: 'met', contacts: [] },
] as const;

/**
 * A few clients of the Glasgow team (only when the demo is served), so that the team comparison has
 * figures to compare: the prison life coach signs them up and visits them, the community life coach
 * records their liberation and contacts (taking them on). Made through the same functions as their
 * pages, in the seed's transaction, so recorded and audited like any other.
 */
export async function addDemoTeamWork(tx: Kysely<Database>) {
  const prisonCoach = await demoActor(tx, 'prison_life_coach');
  const communityCoach = await demoActor(tx, 'community_life_coach');
  const now = today(prisonCoach.actor.timeZone);
  const daysAgo = (days: number) => addDays(now, -days);
  for (const client of CLIENTS) {
    const { firstName, lastName, dateOfBirth } = client;
    const ids = await addDemoClient(tx, prisonCoach, {
      person: { firstName, lastName, dateOfBirth },
      sentence: { months: 12, previous: 2, expectedLiberationOn: daysAgo(client.liberated) },
      signedUpOn: daysAgo(client.signedUp),
    });
    for (const days of client.visits) await recordVisit({ ctx: prisonCoach, ...ids, input: { visitedOn: daysAgo(days) } });
    await recordLiberation({ ctx: communityCoach, ...ids, version: 1, input: { liberatedOn: daysAgo(client.liberated), gateStatus: client.gate } });
    for (const days of client.contacts) {
      await addContact({ ctx: communityCoach, ...ids, input: { contactOn: daysAgo(days), contactType: 'face_to_face', outcome: 'happened', helpGiven: [] } });
    }
  }
}
