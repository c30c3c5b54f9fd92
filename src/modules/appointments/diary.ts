import { addDays, mondayOf } from '../../http/calendar.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate, formatInZone } from '../../http/dates.ts';
import { CASEWORK_ROLES } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { episodeHref } from '../casework/episodes.ts';
import { canSeePersonSql } from '../people/access.ts';
import { APPOINTMENT_COLUMNS, presentAppointment } from './queries.ts';
import { appointmentLinks } from './sign-up-section.ts';

const weekday = formatInZone('en-GB', { weekday: 'long' });

/** 'Monday 30 November 2026'. */
export const dayName = (iso: string) => `${weekday('UTC').format(new Date(`${iso}T00:00:00Z`))} ${formatCalendarDate(iso)}`;

/** The workers of the team leader's team whose diaries they may open (themselves included), by name. */
export function teamWorkers(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user')
    .select(['id', 'display_name as name'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('team_id', '=', ctx.actor.teamId ?? '00000000-0000-0000-0000-000000000000')
    .where('active', '=', true)
    .where('role', 'in', CASEWORK_ROLES)
    .orderBy('display_name')
    .execute();
}

/** A worker's appointments not entered in error, with their clients, for clients the viewer may see. */
function diaryRows(ctx: SignedInCtx, workerId: string) {
  return ctx.db
    .selectFrom('appointment as a')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .select([
      ...APPOINTMENT_COLUMNS,
      'e.id as episodeId',
      'e.closed_on as closedOn',
      'p.id as personId',
      'p.first_name as firstName',
      'p.last_name as lastName',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.worker_id', '=', workerId)
    .where('a.entered_in_error_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where((eb) => canSeePersonSql(ctx.actor, eb.ref('p.id')))
    .orderBy('a.planned_on')
    .orderBy('a.planned_time')
    .orderBy('a.created_at');
}

type DiaryRow = Awaited<ReturnType<ReturnType<typeof diaryRows>['execute']>>[number];

/** How many past appointments still planned the diary lists (the oldest first). */
const NOT_UPDATED_LIMIT = 100;

/**
 * A worker's diary for the week beginning `monday`: each day's appointments (none in error, only
 * clients the viewer may see), and every past appointment still planned ("not yet updated"), so that
 * it gets recorded. Audited as a list of the people in it.
 */
export async function diaryWeek(ctx: SignedInCtx, props: { workerId: string; monday: string }) {
  const now = today(ctx.actor.timeZone);
  const sunday = addDays(props.monday, 6);
  const [week, notUpdated] = await Promise.all([
    diaryRows(ctx, props.workerId).where('a.planned_on', '>=', props.monday).where('a.planned_on', '<=', sunday).execute(),
    diaryRows(ctx, props.workerId).where('a.status', '=', 'planned').where('a.planned_on', '<', now).limit(NOT_UPDATED_LIMIT).execute(),
  ]);
  const personIds = [...new Set([...week, ...notUpdated].map((row) => row.personId))];
  await audit(ctx, { action: 'list', recordType: 'appointment', detail: { view: 'diary', workerId: props.workerId, week: props.monday, personIds } });
  const show = (row: DiaryRow) => {
    const base = episodeHref(row.personId, row.episodeId);
    return {
      ...presentAppointment(row),
      client: `${row.firstName} ${row.lastName}`,
      clientHref: `${base}#planned-appointments`,
      notYetUpdated: row.status === 'planned' && row.plannedOn < now,
      about: `${row.firstName} ${row.lastName} on ${formatCalendarDate(row.plannedOn)}`,
      links: appointmentLinks(base, { ...row, mayCorrect: false }, row.closedOn === null),
    };
  };
  const days = Array.from({ length: 7 }, (_, index) => addDays(props.monday, index)).map((date) => ({
    date,
    name: dayName(date),
    isToday: date === now,
    appointments: week.filter((row) => row.plannedOn === date).map(show),
  }));
  return { days, notUpdated: notUpdated.map(show), today: now, thisWeek: mondayOf(now) };
}
