import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { EngagementFilter } from '../reports/engagement-filters.ts';
import { selectedSignUps } from '../reports/engagement-queries.ts';
import { outcomeCounts } from '../reports/outcome-counting.ts';
import { withoutPeriod } from '../reports/outcomes-queries.ts';

/**
 * The team comparison's counts from sign-ups, each family of figures one query over every team and
 * worker at once. A sign-up belongs to its team (episode.team_id; null: no team) and, for the
 * figures of the selection, to every worker assigned to it, now or before, as its prison or community
 * life coach (the engagement report's worker filter): a sign-up with two coaches counts for each.
 */
export type Level = 'team' | 'worker';

/** Figures of one team (key: its id, null for no team) or worker (key: their user id). */
export interface Keyed<Figures> {
  level: Level;
  key: string | null;
  figures: Figures;
}

export interface SelectionCounts {
  signUps: number;
  preReleaseVisits: number;
  liberated: number;
  gateMet: number;
  engaged: number;
  /** Community contacts (happened, not in error, on or after liberation) of the engaged sign-ups. */
  contacts: number;
  /** Median days from liberation to first contact over the engaged sign-ups (null when none). */
  medianDays: number | null;
  hardOutcomes: number;
}

const COACHES = ['prison_life_coach', 'community_life_coach'];

/**
 * Community contacts of the sign-up `e` as engagement counts them (first_community_contact(): happened,
 * not in error, on or after liberation), counted only for an engaged sign-up: the figure sums them over
 * the engaged, and the look-up per sign-up is most of the query's time.
 */
const communityContacts = sql<number>`case when e.engaged then (select count(*)::int from contact c
  where c.programme_id = e.programme_id and c.episode_id = e.id and c.outcome = 'happened' and c.entered_in_error_at is null and c.contact_on >= e.liberated_on) else 0 end`;

/** The selected sign-ups (period and filters), counted for their team and each of their life coaches. */
export async function countSelection(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<Keyed<SelectionCounts>[]> {
  const selected = selectedSignUps(props).select(['e.team_id', 'e.liberated_on', 'e.first_contact_on', communityContacts.as('contacts')]);
  const { programmeId } = props.ctx.actor;
  const { rows } = await sql<{ level: Level; key: string | null } & SelectionCounts>`
    with selection as (${selected}),
    -- Hard outcomes that count (as the outcomes report counts them), of any date, per selected sign-up:
    -- one grouped pass over the programme's outcomes, not a look-up per sign-up and rule.
    hard as (
      select o.episode_id, count(*)::int as n from outcome o
      join outcome_type_rule r on r.programme_id = o.programme_id and r.code = o.outcome_type
      where o.programme_id = ${programmeId} and r.hard and ${outcomeCounts}
      group by o.episode_id
    ),
    s as (select selection.*, coalesce(hard.n, 0) as hard_outcomes from selection left join hard on hard.episode_id = selection.id),
    coached as (
      select distinct a.worker_id, a.episode_id from assignment a join s on s.id = a.episode_id
      where a.programme_id = ${programmeId} and a.part in (${sql.join(COACHES)})
    ),
    counted as (
      select 'team' as level, s.team_id as key, s.* from s
      union all
      select 'worker', coached.worker_id, s.* from coached join s on s.id = coached.episode_id
    )
    select level, key,
      count(*)::int as "signUps",
      coalesce(sum(visits), 0)::int as "preReleaseVisits",
      (count(*) filter (where liberated_on is not null))::int as liberated,
      (count(*) filter (where gate_met))::int as "gateMet",
      (count(*) filter (where engaged))::int as engaged,
      (coalesce(sum(contacts) filter (where engaged), 0))::int as contacts,
      percentile_cont(0.5) within group (order by first_contact_on - liberated_on) filter (where engaged) as "medianDays",
      coalesce(sum(hard_outcomes), 0)::int as "hardOutcomes"
    from counted group by level, key`.execute(props.ctx.db);
  return rows.map(({ level, key, ...figures }) => ({
    level,
    key,
    figures: { ...figures, medianDays: figures.medianDays === null ? null : Number(figures.medianDays) },
  }));
}

/**
 * Open caseloads: sign-ups not closed today matching the filters other than the period, held by each
 * team, and currently assigned (in any part) to each worker.
 */
export async function countOpenCaseloads(props: { ctx: SignedInCtx; filter: EngagementFilter; today: string }): Promise<Keyed<number>[]> {
  const { ctx, today } = props;
  const open = selectedSignUps({ ctx, filter: withoutPeriod(props.filter) })
    .select('e.team_id')
    .where((eb) => eb.or([eb('e.closed_on', 'is', null), eb('e.closed_on', '>', today)]));
  const { rows } = await sql<{ level: Level; key: string | null; open: number }>`
    with s as (${open})
    select 'team' as level, s.team_id as key, count(*)::int as open from s group by s.team_id
    union all
    select 'worker', a.worker_id, count(distinct a.episode_id)::int from assignment a join s on s.id = a.episode_id
    where a.programme_id = ${ctx.actor.programmeId} and a.to_on is null group by a.worker_id`.execute(ctx.db);
  return rows.map((row) => ({ level: row.level, key: row.key, figures: row.open }));
}
