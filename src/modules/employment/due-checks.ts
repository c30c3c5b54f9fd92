import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { canSeePersonSql } from '../people/access.ts';
import { CONSULTANT_PART } from './hand-over.ts';
import { CHECK_WINDOW_DAYS } from './schedule.ts';

/**
 * An employment consultant's lists on their home page, over their current consultant assignments
 * on open sign-ups (the one visibility rule guards every row too). The most each list shows.
 */
const LIMIT = 200;

/**
 * New hand-overs: clients handed to them where nothing employment-related (an activity, a job
 * start, a training place, not entered in error) has been recorded on the sign-up since.
 */
export function newHandOvers(ctx: SignedInCtx) {
  const { programmeId, userId } = ctx.actor;
  const nothingSince = (table: 'employability_activity' | 'job_start' | 'training_place') =>
    sql<boolean>`not exists (select 1 from ${sql.table(table)} r where r.programme_id = a.programme_id and r.episode_id = a.episode_id
      and r.entered_in_error_at is null and r.created_at >= a.created_at)`;
  return ctx.db
    .selectFrom('assignment as a')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('app_user as by', (join) => join.onRef('by.programme_id', '=', 'a.programme_id').onRef('by.id', '=', 'a.assigned_by'))
    .select(['p.id as personId', 'e.id as episodeId', 'p.first_name as firstName', 'p.last_name as lastName', 'a.from_on as fromOn', 'a.reason', 'by.display_name as handedOverBy'])
    .where('a.programme_id', '=', programmeId)
    .where('a.worker_id', '=', userId)
    .where('a.part', '=', CONSULTANT_PART)
    .where('a.to_on', 'is', null)
    .where('e.closed_on', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(nothingSince('employability_activity'))
    .where(nothingSince('job_start'))
    .where(nothingSince('training_place'))
    .where((eb) => canSeePersonSql(ctx.actor, eb.ref('p.id')))
    .orderBy('a.from_on', 'desc')
    .orderBy('p.last_name')
    .limit(LIMIT)
    .execute();
}

export interface DueCheck {
  personId: string;
  episodeId: string;
  firstName: string;
  lastName: string;
  jobStartId: string;
  employer: string;
  jobTitle: string;
  week: number;
  dueOn: string;
}

/**
 * In-work checks due within the next 14 days, and overdue (due date passed, not recorded): for each
 * job start that counts and each of the programme's check weeks, unless a check of that week counts
 * already or an earlier one found they had left. The same rule as schedule.ts, for lists.
 */
export async function inWorkChecksDue(ctx: SignedInCtx): Promise<{ due: DueCheck[]; overdue: DueCheck[] }> {
  const { programmeId, userId } = ctx.actor;
  const now = today(ctx.actor.timeZone);
  const { rows } = await sql<DueCheck>`
    select p.id as "personId", e.id as "episodeId", p.first_name as "firstName", p.last_name as "lastName",
      j.id as "jobStartId", j.employer, j.job_title as "jobTitle", w.week, (j.started_on + w.week * 7)::text as "dueOn"
    from assignment a
    join episode e on e.programme_id = a.programme_id and e.id = a.episode_id and e.closed_on is null
    join person p on p.programme_id = e.programme_id and p.id = e.person_id and p.merged_into is null
    join job_start j on j.programme_id = e.programme_id and j.episode_id = e.id and j.entered_in_error_at is null
    join programme pr on pr.id = a.programme_id
    cross join lateral unnest(pr.in_work_check_weeks) as w (week)
    where a.programme_id = ${programmeId} and a.worker_id = ${userId} and a.part = ${CONSULTANT_PART} and a.to_on is null
      and j.started_on + w.week * 7 <= ${now}::date + ${CHECK_WINDOW_DAYS}::int
      and not exists (
        select 1 from in_work_check c
        where c.programme_id = j.programme_id and c.job_start_id = j.id and c.entered_in_error_at is null
          and (c.check_week = w.week or (not c.in_work and c.check_week < w.week)))
      and ${canSeePersonSql(ctx.actor, sql.ref<string>('p.id'))}
    order by "dueOn", p.last_name, w.week
    limit ${LIMIT}`.execute(ctx.db);
  return { due: rows.filter((row) => row.dueOn >= now), overdue: rows.filter((row) => row.dueOn < now) };
}

/** Both lists, for the employment consultant's home page (null for everyone else). */
export async function consultantHome(ctx: SignedInCtx) {
  if (ctx.actor.role !== 'employment_consultant') return null;
  const [handOvers, checks] = await Promise.all([newHandOvers(ctx), inWorkChecksDue(ctx)]);
  return { handOvers, ...checks, today: today(ctx.actor.timeZone) };
}
