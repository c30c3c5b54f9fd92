import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { STATUS_TEXT, supervisionDueOn, supervisionStatus, type SupervisionStatus } from './overdue.ts';
import { getRules } from '../settings/service.ts';
import { selectStaff, type StaffMember } from '../staff/member.ts';

/** A worker's supervision in dates only (no session's content): their last session, when the next is due, and where they stand. */
interface SupervisionDue {
  lastHeldOn: string | null;
  dueOn: string;
  status: SupervisionStatus;
  statusText: string;
}

export interface DueRow extends Omit<StaffMember, 'programmeId' | 'active' | 'createdOn'>, SupervisionDue {}

/** The staff with their last session not entered in error (any supervisor's: dates are not the sessions' content). */
function staffWithLastSession(ctx: SignedInCtx) {
  return selectStaff(ctx)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('supervision as s')
          .select(['s.held_on', 's.next_on'])
          .whereRef('s.programme_id', '=', 'u.programme_id')
          .whereRef('s.supervisee_id', '=', 'u.id')
          .where('s.entered_in_error_at', 'is', null)
          .orderBy('s.held_on', 'desc')
          .orderBy('s.created_at', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .select(['last.held_on as lastHeldOn', 'last.next_on as lastNextOn']);
}

/** The programme's supervision interval, in weeks (its settings). */
const supervisionInterval = async (ctx: SignedInCtx) => (await getRules(ctx)).supervisionIntervalWeeks;

type Row = StaffMember & { lastHeldOn: string | null; lastNextOn: string | null };

function dueOf(row: Row, props: { intervalWeeks: number; today: string }): SupervisionDue {
  const dueOn = supervisionDueOn({
    lastHeldOn: row.lastHeldOn,
    lastNextOn: row.lastNextOn,
    accountCreatedOn: row.createdOn,
    intervalWeeks: props.intervalWeeks,
  });
  const status = supervisionStatus({ dueOn, lastHeldOn: row.lastHeldOn, today: props.today });
  return { lastHeldOn: row.lastHeldOn, dueOn, status, statusText: STATUS_TEXT[status] };
}

/** One worker's supervision dates, on the programme's today. */
export async function workerDue(ctx: SignedInCtx, userId: string): Promise<SupervisionDue> {
  const [row, intervalWeeks] = await Promise.all([staffWithLastSession(ctx).where('u.id', '=', userId).executeTakeFirstOrThrow(), supervisionInterval(ctx)]);
  return dueOf(row, { intervalWeeks, today: today(ctx.actor.timeZone) });
}

/**
 * Whose supervision is due or overdue: for a team leader the active members of their team, for a
 * manager every active member of staff (team leaders included), never the actor; by team, then name.
 * Not audited here: the caller says how it was shown.
 */
export async function dueList(ctx: SignedInCtx): Promise<{ rows: DueRow[]; intervalWeeks: number; today: string }> {
  const { actor } = ctx;
  const [found, intervalWeeks] = await Promise.all([
    staffWithLastSession(ctx)
      .where('u.active', '=', true)
      .where('u.id', '!=', actor.userId)
      .$if(actor.role !== 'manager', (q) => q.where((eb) => (actor.teamId === null ? eb.val(false) : eb('u.team_id', '=', actor.teamId))))
      .orderBy('t.name')
      .orderBy('u.display_name')
      .execute(),
    supervisionInterval(ctx),
  ]);
  const on = today(actor.timeZone);
  const rows = found.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    teamId: row.teamId,
    teamName: row.teamName,
    ...dueOf(row, { intervalWeeks, today: on }),
  }));
  return { rows, intervalWeeks, today: on };
}
