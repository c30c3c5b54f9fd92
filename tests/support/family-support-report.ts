import type { AgeGroup } from '../../src/db/schema/families.ts';
import { programmeId } from './journey.ts';
import { demoUser, type TestApp } from './test-app.ts';

/**
 * Family support records written straight into the tables (for exact report figures), each marked
 * entered in error when `inError`. Who records them is the demo family support co-ordinator.
 */
async function recorder(test: TestApp) {
  return { programme_id: await programmeId(test), created_by: (await demoUser(test, 'family_support_coordinator')).id };
}

const inErrorColumns = (inError: boolean | undefined, by: string | null) =>
  inError ? { entered_in_error_at: new Date(), entered_in_error_by: by, entered_in_error_reason: 'Recorded against the wrong family' } : {};

export async function insertFamily(test: TestApp, props: { name: string; teamName?: string; coordinatorId?: string | null; personIds?: string[]; inError?: boolean }) {
  const db = test.database.db;
  const base = await recorder(test);
  const team = await db.selectFrom('team').select('id').where('name', '=', props.teamName ?? 'Glasgow team').executeTakeFirstOrThrow();
  const coordinatorId = props.coordinatorId === undefined ? base.created_by : props.coordinatorId;
  const family = await db
    .insertInto('family')
    .values({ ...base, name: props.name, team_id: team.id, coordinator_id: coordinatorId, ...inErrorColumns(props.inError, base.created_by) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const personId of props.personIds ?? []) {
    await db.insertInto('family_client').values({ ...base, family_id: family.id, person_id: personId, linked_on: '2023-01-01' }).execute();
  }
  return family.id;
}

export async function insertMember(
  test: TestApp,
  props: { familyId: string; firstName: string; relationship?: string; dateOfBirth?: string; ageGroup?: AgeGroup; inError?: boolean },
) {
  const base = await recorder(test);
  const member = await test.database.db
    .insertInto('family_member')
    .values({
      ...base,
      family_id: props.familyId,
      first_name: props.firstName,
      relationship: props.relationship ?? 'other',
      date_of_birth: props.dateOfBirth ?? null,
      age_group: props.dateOfBirth ? null : (props.ageGroup ?? 'adult'),
      ...inErrorColumns(props.inError, base.created_by),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return member.id;
}

export async function insertFamilyReferral(test: TestApp, props: { familyId: string; referredOn: string; source: string; engagedOn?: string; inError?: boolean }) {
  const base = await recorder(test);
  const referral = await test.database.db
    .insertInto('family_referral')
    .values({
      ...base,
      family_id: props.familyId,
      referred_on: props.referredOn,
      source: props.source,
      reason: 'Worried about the tenancy while he is away',
      accepted_on: props.engagedOn ?? null,
      engaged_on: props.engagedOn ?? null,
      ...inErrorColumns(props.inError, base.created_by),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return referral.id;
}

/** A contact or session on `on`, of `types`, with the members who took part. */
export async function insertSupport(test: TestApp, props: { familyId: string; on: string; types: string[]; memberIds: string[]; inError?: boolean }) {
  const base = await recorder(test);
  const db = test.database.db;
  const support = await db
    .insertInto('family_support')
    .values({ ...base, family_id: props.familyId, support_on: props.on, contact_type: 'home_visit', support_types: props.types, ...inErrorColumns(props.inError, base.created_by) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const memberId of props.memberIds) {
    await db.insertInto('family_support_member').values({ programme_id: base.programme_id, support_id: support.id, member_id: memberId }).execute();
  }
  return support.id;
}

export async function insertFamilyOutcome(test: TestApp, props: { familyId: string; outcomeType: string; achievedOn: string; inError?: boolean }) {
  const base = await recorder(test);
  await test.database.db
    .insertInto('family_outcome')
    .values({ ...base, family_id: props.familyId, outcome_type: props.outcomeType, achieved_on: props.achievedOn, ...inErrorColumns(props.inError, base.created_by) })
    .execute();
}
