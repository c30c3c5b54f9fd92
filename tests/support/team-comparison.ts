import { sql } from 'kysely';
import type { Role } from '../../src/modules/auth/roles.ts';
import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/** Factories for the team comparison's tests: teams, workers and supervision sessions straight into the database. */

export async function insertTeam(test: TestApp, name: string): Promise<string> {
  const row = await test.database.db
    .insertInto('team')
    .values({ programme_id: await programmeId(test), name, area_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A member of staff whose account was created on `createdOn` (noon UTC, the same day in London). */
export async function insertWorker(
  test: TestApp,
  props: { name: string; role: Role; teamId: string | null; createdOn: string; active?: boolean },
): Promise<string> {
  const row = await test.database.db
    .insertInto('app_user')
    .values({
      programme_id: await programmeId(test),
      email: `${props.name.toLowerCase().replace(/\W+/g, '.')}@teams.example`,
      display_name: props.name,
      role: props.role,
      team_id: props.teamId,
      password_hash: 'x',
      locked_until: null,
      last_signed_in_at: null,
      active: props.active ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The schema keeps created_at the database's own; a test sets the day the account began.
  await sql`update app_user set created_at = ${new Date(`${props.createdOn}T12:00:00Z`)} where id = ${row.id}`.execute(test.database.db);
  return row.id;
}

/** A session; `nextOn`: the next date agreed at it (the supervision form's "next session"). */
export async function insertSession(
  test: TestApp,
  props: { superviseeId: string; supervisorId: string; heldOn: string; nextOn?: string; inError?: boolean },
): Promise<string> {
  const row = await test.database.db
    .insertInto('supervision')
    .values({
      programme_id: await programmeId(test),
      supervisee_id: props.superviseeId,
      supervisor_id: props.supervisorId,
      held_on: props.heldOn,
      wellbeing: 'well',
      wellbeing_note: null,
      caseload_discussed: true,
      caseload_note: null,
      actions_agreed: null,
      next_on: props.nextOn ?? null,
      ...(props.inError
        ? { entered_in_error_at: new Date(), entered_in_error_by: props.supervisorId, entered_in_error_reason: 'Recorded for the wrong worker' }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a record entered in error (triggers then leave it out of engagement and visit counts). */
export async function markInError(test: TestApp, table: 'contact' | 'pre_release_visit' | 'outcome', id: string) {
  await test.database.db
    .updateTable(table)
    .set({ entered_in_error_at: new Date(), entered_in_error_reason: 'Entered in error by the test' })
    .where('id', '=', id)
    .execute();
}
