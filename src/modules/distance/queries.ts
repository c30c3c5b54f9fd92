import type { SignedInCtx } from '../../http/context.ts';
import { canReadNotes, type PersonAccess } from '../auth/policy.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { REOFFENDING } from './schemas.ts';

/** Each reading's scores, with the area's name, in the list's order. */
export async function scoresOfReadings(ctx: SignedInCtx, readingIds: string[]) {
  if (readingIds.length === 0) return [];
  return ctx.db
    .selectFrom('distance_score as s')
    .innerJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 's.programme_id').onRef('c.list', '=', 's.area_list').onRef('c.code', '=', 's.area'))
    .select([
      's.reading_id as readingId',
      's.area',
      'c.label as areaLabel',
      'c.sort_order as sortOrder',
      's.client_score as clientScore',
      's.worker_score as workerScore',
    ])
    .where('s.programme_id', '=', ctx.actor.programmeId)
    .where('s.reading_id', 'in', readingIds)
    .orderBy('c.sort_order')
    .orderBy('c.label')
    .execute();
}

/**
 * A sign-up's distance-travelled readings, newest first, with their scores, the worker, and whether
 * the viewer may correct each. The note comes back only to those who may read notes (as a contact's).
 */
export async function listReadings(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const showNotes = canReadNotes(ctx.actor, props.access);
  const rows = await ctx.db
    .selectFrom('distance_reading as r')
    .leftJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'r.programme_id').onRef('w.id', '=', 'r.worker_id'))
    .select([
      'r.id',
      'r.read_on as readOn',
      'r.reoffending',
      'r.note',
      'w.display_name as workerName',
      'r.created_by as createdBy',
      'r.version',
      'r.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .where('r.episode_id', '=', props.episodeId)
    .orderBy('r.read_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
  const scores = await scoresOfReadings(
    ctx,
    rows.map((r) => r.id),
  );
  return withMayCorrect(ctx, props, rows).map((row) => ({
    ...row,
    reoffendingLabel: REOFFENDING[row.reoffending],
    note: showNotes ? row.note : null,
    noteHidden: !showNotes && row.note !== null,
    scores: scores
      .filter((s) => s.readingId === row.id)
      .map(({ area, areaLabel, clientScore, workerScore }) => ({ area, areaLabel, clientScore, workerScore })),
  }));
}

/** Readings for the person's timeline (no scores or notes: the timeline is a summary); those entered in error struck through. */
export async function readingTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('distance_reading as r')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'r.programme_id').onRef('e.id', '=', 'r.episode_id'))
    .select(['r.read_on', 'r.episode_id', 'r.entered_in_error_reason'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .orderBy('r.read_on', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    on: row.read_on,
    title: 'Distance travelled reading',
    detail: inError(row.entered_in_error_reason),
    href: `/people/${personId}/sign-ups/${row.episode_id}/needs-and-plan#distance`,
    rank: RANK.plan,
    struck: row.entered_in_error_reason !== null,
  }));
}
