import { addDays } from '../../src/http/calendar.ts';
import { today } from '../../src/http/date-fields.ts';
import type { Role } from '../../src/modules/auth/roles.ts';
import { dateParts } from './families.ts';
import { demoUser, type TestApp } from './test-app.ts';

/** Factories and forms for the supervision tests: sessions straight into the database, dates from the programme's today. */

export const daysFromToday = (days: number) => addDays(today('Europe/London'), days);

export async function buildSession(test: TestApp, props: { supervisee: Role; supervisor: Role; heldOn: string; nextOn?: string; wellbeingNote?: string }) {
  const [supervisee, supervisor] = [await demoUser(test, props.supervisee), await demoUser(test, props.supervisor)];
  return test.database.db
    .insertInto('supervision')
    .values({
      programme_id: supervisee.programme_id,
      supervisee_id: supervisee.id,
      supervisor_id: supervisor.id,
      held_on: props.heldOn,
      next_on: props.nextOn ?? null,
      wellbeing: props.wellbeingNote ? 'some_concerns' : 'well',
      wellbeing_note: props.wellbeingNote ?? null,
      caseload_discussed: true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The session form as a browser posts it. */
export const sessionForm = (props: {
  heldOn: string;
  nextOn?: string;
  wellbeing?: string;
  wellbeingNote?: string;
  caseloadDiscussed?: string;
  actionsAgreed?: string;
}) => ({
  ...dateParts('heldOn', props.heldOn),
  ...(props.nextOn ? dateParts('nextOn', props.nextOn) : {}),
  wellbeing: props.wellbeing ?? 'well',
  wellbeingNote: props.wellbeingNote ?? '',
  caseloadDiscussed: props.caseloadDiscussed ?? 'yes',
  caseloadNote: '',
  actionsAgreed: props.actionsAgreed ?? '',
});

/** Forgets every session, so that each test starts with no one supervised. */
export async function clearSessions(test: TestApp) {
  await test.database.db.deleteFrom('supervision').execute();
}
