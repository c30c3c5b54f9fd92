import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../http/calendar.ts';
import { today } from '../http/date-fields.ts';
import type { SignedInCtx } from '../http/context.ts';
import type { SessionInput } from '../modules/supervision/schemas.ts';
import { recordSession } from '../modules/supervision/sessions.ts';
import { findStaffMember } from '../modules/staff/member.ts';
import { demoActor } from './demo-actor.ts';
import { DEMO_USERS } from './roop.ts';

const idOf = async (tx: Kysely<Database>, role: string) =>
  (
    await tx
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', DEMO_USERS.find((user) => user.role === role)?.email ?? '')
      .executeTakeFirstOrThrow()
  ).id;

async function supervise(supervisor: SignedInCtx, superviseeId: string, input: SessionInput) {
  await recordSession(supervisor, { staff: await findStaffMember(supervisor, superviseeId), input });
}

/**
 * Supervision in the demo (only when the demo is served): the team leader has supervised the prison
 * life coach (up to date) and the community life coach (overdue: six weeks ago, no next date set),
 * and the manager has supervised the team leader. Made through the pages' own function, so audited.
 */
export async function addDemoSupervision(tx: Kysely<Database>) {
  const leader = await demoActor(tx, 'team_leader');
  const manager = await demoActor(tx, 'manager');
  const now = today(leader.actor.timeZone);
  await supervise(leader, await idOf(tx, 'prison_life_coach'), {
    heldOn: addDays(now, -10),
    wellbeing: 'some_concerns',
    wellbeingNote: 'Tired after two hard gate days in a row; we agreed she takes the Friday afternoon back.',
    caseloadDiscussed: true,
    caseloadNote: 'Fourteen clients, three liberated next month: two need housing before the gate.',
    actionsAgreed: 'Book the homelessness assessments for both this week.',
    nextOn: addDays(now, 18),
  });
  await supervise(leader, await idOf(tx, 'community_life_coach'), {
    heldOn: addDays(now, -42),
    wellbeing: 'well',
    caseloadDiscussed: true,
    caseloadNote: 'Caseload steady; one client back in touch after a month.',
  });
  await supervise(manager, leader.actor.userId, {
    heldOn: addDays(now, -14),
    wellbeing: 'well',
    caseloadDiscussed: false,
    actionsAgreed: 'Share the Glasgow gate-day rota with the other team leaders.',
    nextOn: addDays(now, 14),
  });
}
