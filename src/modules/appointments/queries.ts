import type { SignedInCtx } from '../../http/context.ts';
import { timeForForm } from '../../http/time-field.ts';
import { PLACES, STATUSES } from './schemas.ts';

/** What every list of appointments shows of one (its table aliased `a`). */
export const APPOINTMENT_COLUMNS = [
  'a.id',
  'a.planned_on as plannedOn',
  'a.planned_time as plannedTime',
  'a.place',
  'a.with_whom as withWhom',
  'a.purpose',
  'a.status',
  'a.status_reason as statusReason',
] as const;

/** Appointments with their worker's name, for the lists that show them (a sign-up's section, the API). */
export function appointmentRows(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('appointment as a')
    .innerJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'a.programme_id').onRef('w.id', '=', 'a.worker_id'))
    .select([
      ...APPOINTMENT_COLUMNS,
      'a.episode_id as episodeId',
      'a.contact_id as contactId',
      'a.worker_id as workerId',
      'w.display_name as workerName',
      'a.created_by as createdBy',
      'a.version',
      'a.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId);
}

type Row = Awaited<ReturnType<ReturnType<typeof appointmentRows>['execute']>>[number];

/** A row as pages and the API give it: the time as HH:MM, and the place and status in words beside their codes. */
export function presentAppointment<T extends Pick<Row, 'plannedTime' | 'place' | 'status'>>(row: T) {
  return {
    ...row,
    plannedTime: row.plannedTime === null ? null : timeForForm(row.plannedTime),
    placeLabel: PLACES[row.place],
    statusLabel: STATUSES[row.status],
  };
}

/** The workers whose diary an appointment on this sign-up may go in: the one planning it, its current workers, and any `also` (its worker now). */
export async function diaryWorkers(ctx: SignedInCtx, episodeId: string, also: string[] = []) {
  const assigned = await ctx.db
    .selectFrom('assignment')
    .select('worker_id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('episode_id', '=', episodeId)
    .where('to_on', 'is', null)
    .execute();
  const ids = [...new Set([ctx.actor.userId, ...assigned.map((a) => a.worker_id), ...also])];
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', 'in', ids)
    .execute();
  const name = (id: string) => users.find((user) => user.id === id)?.display_name ?? '';
  return ids.map((id) => ({ id, name: id === ctx.actor.userId ? `${name(id)} (you)` : name(id) }));
}
