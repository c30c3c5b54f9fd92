import type { SignedInCtx } from '../../http/context.ts';
import { RANK, type TimelineEntry } from '../casework/timeline.ts';
import { PLACES } from './schemas.ts';

/**
 * Appointments that were kept, missed or cancelled, for the person's timeline (on the day planned).
 * Planned ones are not history yet, and those entered in error show nowhere but the record's history.
 */
export async function appointmentTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('appointment as a')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
    .select(['a.planned_on', 'a.status', 'a.place', 'a.with_whom', 'a.episode_id'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .where('a.status', '<>', 'planned')
    .where('a.entered_in_error_at', 'is', null)
    .orderBy('a.planned_on', 'desc')
    .limit(200)
    .execute();
  const what = { kept: 'Appointment kept', missed: 'Appointment missed', cancelled: 'Appointment cancelled', planned: 'Appointment' } as const;
  return rows.map((row) => ({
    on: row.planned_on,
    title: what[row.status],
    detail: `${PLACES[row.place]}${row.with_whom ? `: ${row.with_whom}` : ''}`,
    href: `/people/${personId}/sign-ups/${row.episode_id}#planned-appointments`,
    rank: RANK.appointment,
  }));
}
