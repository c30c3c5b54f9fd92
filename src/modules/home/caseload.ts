import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { caseloadScope } from '../caseload/queries.ts';
import { canSeePersonSql } from '../people/access.ts';
import { addDays, weekOf } from '../../http/calendar.ts';

/**
 * A worker's caseload at a glance: the open sign-ups they are assigned to now (or, for a team
 * leader, their team's). The caseload is found first through the assignment (or team) index and
 * kept apart (a materialised CTE), so each list filters a few hundred rows rather than letting the
 * planner walk, say, every liberation in the programme for the next six weeks. The one visibility
 * rule (can_see_person) guards every row as well.
 */
function openEpisodes(ctx: SignedInCtx) {
  const { programmeId } = ctx.actor;
  return ctx.db
    .with(
      (cte) => cte('caseload').materialized(),
      // Kysely writes a raw CTE body as it is: the brackets are ours.
      () => sql<{ id: string }>`(${caseloadScope(ctx, ctx.actor.role === 'team_leader' ? { kind: 'team' } : { kind: 'mine' }, 'open')})`,
    )
    .selectFrom('caseload as c')
    .innerJoin('episode as e', (join) => join.on('e.programme_id', '=', programmeId).onRef('e.id', '=', 'c.id'))
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .select(['e.id as episodeId', 'p.id as personId', 'p.first_name as firstName', 'p.last_name as lastName'])
    .where('e.closed_on', 'is', null)
    .where('p.merged_into', 'is', null)
    .where((eb) => canSeePersonSql(ctx.actor, eb.ref('p.id')));
}

/** The most rows each list on the home page shows, each with a link to the whole list; its downloads hold them all. */
export const DASHBOARD_LIST_LIMIT = 20;

export const EXCEPTION_LISTS = ['liberations', 'gate', 'no-contact', 'overdue'] as const;
export type ExceptionList = (typeof EXCEPTION_LISTS)[number];

/** How many rows the whole list has, counted in the same pass as the page of it (a window over the rows before the limit). */
const total = sql<number>`count(*) over ()`.as('total');

/**
 * The caseload's lists as of today: `limit` rows of each from `offset` (`limit: null` for every row,
 * the downloads), and each list's whole length. `only` runs just the lists named (a list's own page).
 */
export async function caseloadDashboard(
  ctx: SignedInCtx,
  props: { limit: number | null; offset?: number; only?: readonly ExceptionList[] } = { limit: DASHBOARD_LIST_LIMIT },
) {
  const { limit, offset = 0 } = props;
  const wanted = (list: ExceptionList) => !props.only || props.only.includes(list);
  const now = today(ctx.actor.timeZone);
  const [monday, sunday] = weekOf(now);
  const programme = await ctx.db.selectFrom('programme').select(['no_contact_days']).where('id', '=', ctx.actor.programmeId).executeTakeFirstOrThrow();
  const quietSince = addDays(now, -programme.no_contact_days);
  const page = <Q extends { limit(n: number): Q; offset(n: number): Q }>(q: Q) => (limit === null ? q : q.limit(limit).offset(offset));
  const none = Promise.resolve([]);

  const [liberations, gateMeetings, noContact, overdue] = await Promise.all([
    wanted('liberations')
      ? page(
          openEpisodes(ctx)
            .select(['e.expected_liberation_on as expectedLiberationOn', 'e.pre_release_visits as visits', total])
            .where('e.liberated_on', 'is', null)
            .where('e.expected_liberation_on', '>=', now)
            .where('e.expected_liberation_on', '<=', addDays(now, 42))
            .orderBy('e.expected_liberation_on')
            .orderBy('e.id'),
        ).execute()
      : none,
    wanted('gate')
      ? page(
          openEpisodes(ctx)
            .innerJoin('prison as pr', (join) => join.onRef('pr.programme_id', '=', 'e.programme_id').onRef('pr.id', '=', 'e.prison_id'))
            .select([
              'pr.name as prisonName',
              'e.gate_status as gateStatus',
              sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`.as('gateOn'),
              total,
            ])
            .where('e.gate_status', 'is not', null)
            .where(sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`, '>=', monday)
            .where(sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`, '<=', sunday)
            .orderBy('gateOn')
            .orderBy('e.id'),
        ).execute()
      : none,
    wanted('no-contact')
      ? page(
          openEpisodes(ctx)
            .select(['e.liberated_on as liberatedOn', 'e.last_contact_on as lastContactOn', total])
            .where('e.liberated_on', 'is not', null)
            .where(sql<string>`coalesce(e.last_contact_on, e.liberated_on)`, '<', quietSince)
            .orderBy(sql`coalesce(e.last_contact_on, e.liberated_on)`)
            .orderBy('e.id'),
        ).execute()
      : none,
    wanted('overdue')
      ? page(
          openEpisodes(ctx)
            .innerJoin('plan_action as a', (join) => join.onRef('a.programme_id', '=', 'e.programme_id').onRef('a.episode_id', '=', 'e.id'))
            .select(['a.goal', 'a.action', 'a.due_on as dueOn', total])
            .where('a.status', '=', 'open')
            .where('a.entered_in_error_at', 'is', null)
            .where('a.due_on', '<', now)
            .orderBy('a.due_on')
            .orderBy('a.id'),
        ).execute()
      : none,
  ]);
  const totalOf = (rows: { total: number }[]) => Number(rows[0]?.total ?? 0);
  const totals: Record<ExceptionList, number> = {
    liberations: totalOf(liberations),
    gate: totalOf(gateMeetings),
    'no-contact': totalOf(noContact),
    overdue: totalOf(overdue),
  };
  return { now, noContactDays: programme.no_contact_days, liberations, gateMeetings, noContact, overdue, totals };
}

/** A team leader's view of who carries what: open sign-ups per worker in the team. */
export async function teamCaseloads(ctx: SignedInCtx) {
  if (!ctx.actor.teamId) return [];
  return ctx.db
    .selectFrom('app_user as u')
    .select((eb) => [
      'u.id',
      'u.display_name as name',
      'u.role',
      eb
        .selectFrom('assignment as a')
        .select(sql<number>`count(distinct a.episode_id)::int`.as('n'))
        .whereRef('a.programme_id', '=', 'u.programme_id')
        .whereRef('a.worker_id', '=', 'u.id')
        .where('a.to_on', 'is', null)
        .where('a.sign_up_open', '=', true)
        .as('openClients'),
    ])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.team_id', '=', ctx.actor.teamId)
    .where('u.active', '=', true)
    .where('u.role', 'in', ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator'])
    .orderBy('u.display_name')
    .execute();
}

/** The actor's programme, as the home page names it. */
export function programmeOf(ctx: SignedInCtx) {
  return ctx.db.selectFrom('programme').select(['name']).where('id', '=', ctx.actor.programmeId).executeTakeFirstOrThrow();
}
