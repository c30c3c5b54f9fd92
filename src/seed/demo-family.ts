import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import { referFamily } from '../modules/families/client-panel.ts';
import { addMember } from '../modules/families/members.ts';
import { takeStep } from '../modules/families/referrals.ts';
import { correctFamily } from '../modules/families/store.ts';
import { addSupport } from '../modules/families/support.ts';
import { demoActor } from './demo-actor.ts';

/**
 * The demo client's family (only when the demo is served), so that the family support co-ordinator's
 * pages and report have something to show: the prison life coach refers the family from the client's
 * record, and the co-ordinator takes it on, records its members, accepts the referral and gives the
 * first support (which makes it engaged). Made through the same functions as their pages, in the
 * seed's transaction, so recorded and audited like any other.
 */
export async function addDemoFamily(tx: Kysely<Database>, personId: string) {
  const coach = await demoActor(tx, 'prison_life_coach');
  const coordinator = await demoActor(tx, 'family_support_coordinator');
  const now = today(coach.actor.timeZone);
  const referredOn = addDays(now, -20);
  await referFamily(coach, {
    personId,
    referredOn,
    reason: 'His partner is caring for their daughter alone and is behind with the rent; she asked for help before he comes home.',
  });
  const family = await tx
    .selectFrom('family_client as fc')
    .innerJoin('family as f', (join) => join.onRef('f.programme_id', '=', 'fc.programme_id').onRef('f.id', '=', 'fc.family_id'))
    .innerJoin('family_referral as r', (join) => join.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.family_id', '=', 'f.id'))
    .select(['f.id', 'f.name', 'f.team_id as teamId', 'f.version', 'r.id as referralId', 'r.version as referralVersion'])
    .where('fc.person_id', '=', personId)
    .executeTakeFirstOrThrow();
  await correctFamily(coordinator, {
    familyId: family.id,
    version: family.version,
    input: { name: family.name, teamId: family.teamId, coordinatorId: coordinator.actor.userId, safeguarding: false },
  });
  const partner = await addMember(coordinator, {
    familyId: family.id,
    input: { firstName: 'Kirsty', lastName: 'Gallacher', relationship: 'partner', dateOfBirth: '1993-09-21' },
  });
  await addMember(coordinator, { familyId: family.id, input: { firstName: 'Lily', lastName: 'Gallacher', relationship: 'child', dateOfBirth: '2018-02-14' } });
  await takeStep(coordinator, {
    familyId: family.id,
    referralId: family.referralId,
    step: 'accepted',
    version: family.referralVersion,
    on: addDays(referredOn, 2),
  });
  await addSupport(coordinator, {
    familyId: family.id,
    input: {
      supportOn: addDays(referredOn, 6),
      contactType: 'home_visit',
      memberIds: [partner],
      supportTypes: ['money', 'caring'],
      minutes: 75,
      notes: 'Went through the rent arrears letter with Kirsty; a money advice appointment is booked.',
    },
  });
}
