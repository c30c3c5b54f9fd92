import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { EngagementFilter } from '../reports/engagement-filters.ts';
import type { Keyed, Level } from './sign-up-figures.ts';

export interface SupervisionCounts {
  sessions: number;
  onTime: number;
}

/**
 * Supervision sessions (not entered in error) held in the period, by the supervisee's team and by
 * supervisee, and how many were on time: held on or before the date due when the session before it
 * (the supervisee's previous one not in error, of any date) was held, i.e. that session's next date if
 * one was set, else its date plus the programme's interval; for a supervisee's first session, the day
 * their account was created (in the programme's time zone) plus the interval. The SQL twin of
 * supervisionDueOn (src/modules/supervision/overdue.ts): change both together. Only the period
 * narrows them: sessions are about staff, not sign-ups.
 */
export async function countSupervision(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<Keyed<SupervisionCounts>[]> {
  const { ctx, filter } = props;
  const inPeriod = sql.join(
    [sql`true`, ...(filter.from ? [sql`held_on >= ${filter.from}::date`] : []), ...(filter.to ? [sql`held_on <= ${filter.to}::date`] : [])],
    sql` and `,
  );
  const { rows } = await sql<{ level: Level; key: string | null } & SupervisionCounts>`
    with held as (
      select s.supervisee_id, u.team_id, s.held_on,
        -- supervisionDueOn's twin: the previous session's next date, else its date plus the interval, else the account's creation plus the interval.
        coalesce(
          lag(s.next_on) over previous,
          lag(s.held_on) over previous + 7 * p.supervision_interval_weeks,
          (u.created_at at time zone p.time_zone)::date + 7 * p.supervision_interval_weeks
        ) as due_by
      from supervision s
      join app_user u on u.programme_id = s.programme_id and u.id = s.supervisee_id
      join programme p on p.id = s.programme_id
      where s.programme_id = ${ctx.actor.programmeId} and s.entered_in_error_at is null
      window previous as (partition by s.supervisee_id order by s.held_on, s.created_at, s.id)
    )
    select case when grouping(team_id) = 0 then 'team' else 'worker' end as level,
      case when grouping(team_id) = 0 then team_id else supervisee_id end as key,
      count(*)::int as sessions,
      (count(*) filter (where held_on <= due_by))::int as "onTime"
    from held where ${inPeriod}
    group by grouping sets ((team_id), (supervisee_id))`.execute(ctx.db);
  return rows.map(({ level, key, ...figures }) => ({ level, key, figures }));
}
