import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';

/**
 * A worker's caseload at a glance: their open sign-ups (or, for a team leader, their team's). Each
 * list is one query on open episodes, using the indexes on the allocation columns.
 */
type Scope = (eb: ExpressionBuilder<Database & { e: Database['episode'] }, 'e'>) => ReturnType<ExpressionBuilder<Database & { e: Database['episode'] }, 'e'>['or']>;

export function caseloadScope(ctx: SignedInCtx): Scope {
  const me = ctx.actor.userId;
  if (ctx.actor.role === 'team_leader') return (eb) => eb.or([eb('e.team_id', '=', ctx.actor.teamId ?? '00000000-0000-0000-0000-000000000000')]);
  return (eb) =>
    eb.or([eb('e.prison_coach_id', '=', me), eb('e.community_coach_id', '=', me), eb('e.employment_consultant_id', '=', me), eb('e.family_support_id', '=', me)]);
}

/**
 * The caseload's open sign-ups, found first through the allocation (or team) indexes and kept
 * apart (a materialised CTE), so each list filters a few hundred rows rather than letting the
 * planner walk, say, every liberation in the programme for the next six weeks.
 */
function openEpisodes(ctx: SignedInCtx) {
  return ctx.db
    .with(
      (cte) => cte('caseload').materialized(),
      (db) => db.selectFrom('episode as e').select('e.id').where('e.programme_id', '=', ctx.actor.programmeId).where('e.closed_on', 'is', null).where(caseloadScope(ctx)),
    )
    .selectFrom('caseload as c')
    .innerJoin('episode as e', 'e.id', 'c.id')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['e.id as episodeId', 'p.id as personId', 'p.first_name as firstName', 'p.last_name as lastName'])
    .where('p.merged_into', 'is', null);
}

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Monday to Sunday of the week containing `iso`. */
function weekOf(iso: string): [string, string] {
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(iso, -weekday);
  return [monday, addDays(monday, 6)];
}

/** The most rows each list on the home page shows; its downloads hold them all. */
export const DASHBOARD_LIST_LIMIT = 200;

/** The caseload's lists as of today; `limit: null` for every row (the downloads). */
export async function caseloadDashboard(ctx: SignedInCtx, props: { limit: number | null } = { limit: DASHBOARD_LIST_LIMIT }) {
  const { limit } = props;
  const now = today(ctx.actor.timeZone);
  const [monday, sunday] = weekOf(now);
  const programme = await ctx.db.selectFrom('programme').select(['no_contact_days']).where('id', '=', ctx.actor.programmeId).executeTakeFirstOrThrow();
  const quietSince = addDays(now, -programme.no_contact_days);

  const [liberations, gateMeetings, noContact, overdue] = await Promise.all([
    openEpisodes(ctx)
      .select(['e.expected_liberation_on as expectedLiberationOn', 'e.pre_release_visits as visits'])
      .where('e.liberated_on', 'is', null)
      .where('e.expected_liberation_on', '>=', now)
      .where('e.expected_liberation_on', '<=', addDays(now, 42))
      .orderBy('e.expected_liberation_on')
      .$if(limit !== null, (q) => q.limit(limit as number))
      .execute(),
    openEpisodes(ctx)
      .innerJoin('prison as pr', 'pr.id', 'e.prison_id')
      .select(['pr.name as prisonName', 'e.gate_status as gateStatus', sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`.as('gateOn')])
      .where('e.gate_status', 'is not', null)
      .where(sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`, '>=', monday)
      .where(sql<string>`coalesce(e.liberated_on, e.expected_liberation_on)`, '<=', sunday)
      .orderBy('gateOn')
      .$if(limit !== null, (q) => q.limit(limit as number))
      .execute(),
    openEpisodes(ctx)
      .innerJoin('episode_engagement as en', 'en.episode_id', 'e.id')
      .select(['e.liberated_on as liberatedOn', 'en.last_contact_on as lastContactOn'])
      .where('e.liberated_on', 'is not', null)
      .where(sql<string>`coalesce(en.last_contact_on, e.liberated_on)`, '<', quietSince)
      .orderBy(sql`coalesce(en.last_contact_on, e.liberated_on)`)
      .$if(limit !== null, (q) => q.limit(limit as number))
      .execute(),
    openEpisodes(ctx)
      .innerJoin('plan_action as a', 'a.episode_id', 'e.id')
      .select(['a.goal', 'a.action', 'a.due_on as dueOn'])
      .where('a.status', '=', 'open')
      .where('a.due_on', '<', now)
      .orderBy('a.due_on')
      .$if(limit !== null, (q) => q.limit(limit as number))
      .execute(),
  ]);
  return { now, noContactDays: programme.no_contact_days, liberations, gateMeetings, noContact, overdue };
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
        .selectFrom('episode as e')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('e.closed_on', 'is', null)
        .where((w) => w.or([w('e.prison_coach_id', '=', w.ref('u.id')), w('e.community_coach_id', '=', w.ref('u.id')), w('e.employment_consultant_id', '=', w.ref('u.id')), w('e.family_support_id', '=', w.ref('u.id'))]))
        .as('openClients'),
    ])
    .where('u.team_id', '=', ctx.actor.teamId)
    .where('u.active', '=', true)
    .where('u.role', 'in', ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator'])
    .orderBy('u.display_name')
    .execute();
}
