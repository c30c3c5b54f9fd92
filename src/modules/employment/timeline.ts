import type { SignedInCtx } from '../../http/context.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { CONSULTANT_PART } from './hand-over.ts';
import { PLACE_KINDS } from './schemas.ts';

/** Employment on the person's timeline: hand-overs, job starts, in-work checks, training and education places. */
export async function employmentTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const [handOvers, jobs, checks, places] = await Promise.all([
    ctx.db
      .selectFrom('assignment as a')
      .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
      .innerJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'a.programme_id').onRef('w.id', '=', 'a.worker_id'))
      .select(['a.from_on as on', 'a.episode_id as episodeId', 'w.display_name as worker', 'a.reason'])
      .where('e.programme_id', '=', ctx.actor.programmeId)
      .where('e.person_id', '=', personId)
      .where('a.part', '=', CONSULTANT_PART)
      .orderBy('a.from_on', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('job_start as j')
      .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'j.programme_id').onRef('e.id', '=', 'j.episode_id'))
      .select(['j.started_on as on', 'j.episode_id as episodeId', 'j.job_title as jobTitle', 'j.employer', 'j.entered_in_error_reason as inError'])
      .where('e.programme_id', '=', ctx.actor.programmeId)
      .where('e.person_id', '=', personId)
      .orderBy('j.started_on', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('in_work_check as c')
      .innerJoin('job_start as j', (join) => join.onRef('j.programme_id', '=', 'c.programme_id').onRef('j.id', '=', 'c.job_start_id'))
      .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'c.programme_id').onRef('e.id', '=', 'c.episode_id'))
      .select(['c.checked_on as on', 'c.episode_id as episodeId', 'c.check_week as week', 'c.in_work as inWork', 'j.employer', 'c.entered_in_error_reason as inError'])
      .where('e.programme_id', '=', ctx.actor.programmeId)
      .where('e.person_id', '=', personId)
      .orderBy('c.checked_on', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('training_place as t')
      .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 't.programme_id').onRef('e.id', '=', 't.episode_id'))
      .select(['t.started_on as on', 't.ended_on as endedOn', 't.status', 't.episode_id as episodeId', 't.kind', 't.course', 't.provider', 't.entered_in_error_reason as inError'])
      .where('e.programme_id', '=', ctx.actor.programmeId)
      .where('e.person_id', '=', personId)
      .orderBy('t.started_on', 'desc')
      .limit(200)
      .execute(),
  ]);
  const entry = (row: { on: string; episodeId: string; inError?: string | null }, title: string, detail?: string): TimelineEntry => ({
    on: row.on,
    title,
    detail: inError(row.inError ?? null) ?? detail,
    href: `/people/${personId}/sign-ups/${row.episodeId}/outcomes-and-employment#employment`,
    rank: RANK.contact,
    struck: (row.inError ?? null) !== null,
  });
  return [
    ...handOvers.map((row) => entry(row, `Handed to ${row.worker}, employment consultant`, row.reason ?? undefined)),
    ...jobs.map((row) => entry(row, `Started work: ${row.jobTitle} at ${row.employer}`)),
    ...checks.map((row) => entry(row, `${row.week}-week in-work check: ${row.inWork ? 'still in work' : 'had left'}`, row.employer)),
    ...places.flatMap((row) => [
      entry(row, `${PLACE_KINDS[row.kind]} place started: ${row.course}`, row.provider),
      ...(row.endedOn ? [entry({ ...row, on: row.endedOn }, `${PLACE_KINDS[row.kind]} place ${row.status === 'completed' ? 'completed' : 'left'}: ${row.course}`, row.provider)] : []),
    ]),
  ];
}
