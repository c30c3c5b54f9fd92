import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/** Staff record rows made straight into the database (a test's starting point, not what it tests). */
export async function buildClearance(test: TestApp, props: { userId: string; prisonName?: string; clearedOn: string; expiresOn: string }) {
  const db = test.database.db;
  const prison = await db.selectFrom('prison').select('id').where('name', '=', props.prisonName ?? 'Barlinnie').executeTakeFirstOrThrow();
  return db
    .insertInto('prison_clearance')
    .values({ programme_id: await programmeId(test), user_id: props.userId, prison_id: prison.id, cleared_on: props.clearedOn, expires_on: props.expiresOn, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildVetting(test: TestApp, props: { userId: string; issuedOn: string; renewBy: string | null; reference?: string }) {
  return test.database.db
    .insertInto('staff_vetting')
    .values({ programme_id: await programmeId(test), user_id: props.userId, disclosure_type: 'pvg', reference: props.reference ?? 'PVG-1', issued_on: props.issuedOn, renew_by: props.renewBy, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildTraining(test: TestApp, props: { userId: string; course: string; completedOn: string; expiresOn: string | null }) {
  return test.database.db
    .insertInto('staff_training')
    .values({ programme_id: await programmeId(test), user_id: props.userId, course: props.course, completed_on: props.completedOn, expires_on: props.expiresOn, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A worker's staff record samples (one of each kind), for the route-access walk. */
export async function buildStaffSamples(test: TestApp, userId: string) {
  return {
    vetting: (await buildVetting(test, { userId, issuedOn: '2026-01-05', renewBy: '2029-01-05' })).id,
    clearances: (await buildClearance(test, { userId, clearedOn: '2026-01-05', expiresOn: '2027-01-05' })).id,
    training: (await buildTraining(test, { userId, course: 'Walk training', completedOn: '2026-01-05', expiresOn: null })).id,
  };
}
