import { sql, type RawBuilder } from 'kysely';
import type { AppointmentPlace } from '../../db/schema/casework.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { canSeePersonSql } from '../people/access.ts';
import { weekOf } from '../../http/calendar.ts';
import { PAGE_SIZE, UNALLOCATED, type CaseloadQuery, type Stage } from './filters.ts';

/**
 * The caseload lists' queries. The caseload is found first through an index and kept apart (a
 * materialised CTE): a worker's current assignments of open, or closed, sign-ups (assignment_worker_idx), or the team's open
 * sign-ups (episode_team_idx). Everything else filters, counts and sorts those few hundred rows, and
 * what each row shows beyond the sign-up (the next appointment or action, the workers) is looked up
 * for the page's 25 rows only, except when the list is sorted by what is next.
 *
 * Whoever is in the scope may be seen by the actor by the visibility rule's own terms (their current
 * worker, or a caseworker of the sign-up's team), and merged records are left out; the rule itself,
 * can_see_person(), guards every row shown as well.
 */
export type Scope = { kind: 'mine' } | { kind: 'team'; worker?: string };

export interface CaseloadRow {
  episodeId: string;
  personId: string;
  firstName: string;
  lastName: string;
  prisonNumber: string | null;
  version: number;
  closedOn: string | null;
  liberatedOn: string | null;
  expectedLiberationOn: string | null;
  engaged: boolean;
  lastContactOn: string | null;
  riskToStaff: boolean;
  returnedOn: string | null;
  appointmentOn: string | null;
  appointmentTime: string | null;
  appointmentPlace: AppointmentPlace | null;
  appointmentWith: string | null;
  actionDueOn: string | null;
  actionGoal: string | null;
  workers: string | null;
}

/** No team: matches no sign-up. */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

/** Which sign-ups of the scope: the open ones (every stage but one, and the home page), the closed, or all. */
export type Standing = 'open' | 'closed';

/**
 * The sign-ups a caseload starts from, as ids: a worker's current assignments of open or of closed
 * sign-ups (assignment.sign_up_open, kept by the database, so a coach's years of closed sign-ups are
 * not looked up to find the open few), or the team's open sign-ups. The home page's lists start from it too.
 */
export function caseloadScope(ctx: SignedInCtx, scope: Scope, standing: Standing): RawBuilder<{ id: string }> {
  const { programmeId, userId, teamId } = ctx.actor;
  if (scope.kind === 'mine') {
    return sql`select distinct a.episode_id as id from assignment a
      where a.programme_id = ${programmeId} and a.worker_id = ${userId} and a.to_on is null and a.sign_up_open = ${standing === 'open'}`;
  }
  if (standing === 'closed') return sql`select null::uuid as id where false`;
  return sql`select e.id from episode e where e.programme_id = ${programmeId} and e.team_id = ${teamId ?? NO_TEAM} and e.closed_on is null`;
}

/** The caseload's sign-ups with their people: the scope, then the worker filter of the team's list. */
function baseCtes(ctx: SignedInCtx, scope: Scope, standing: Standing) {
  const { programmeId } = ctx.actor;
  const current = (worker: RawBuilder<unknown> | null) =>
    sql`select 1 from assignment a where a.programme_id = ${programmeId} and a.episode_id = e.id and a.to_on is null${worker ? sql` and a.worker_id = ${worker}` : sql``}`;
  const worker = scope.kind === 'team' ? scope.worker : undefined;
  const workerFilter =
    worker === undefined ? sql`` : worker === UNALLOCATED ? sql` and not exists (${current(null)})` : sql` and exists (${current(sql`${worker}::uuid`)})`;
  return sql`scope as materialized (${caseloadScope(ctx, scope, standing)}),
    base as materialized (
      select e.id, e.person_id, e.prison_number, e.version, e.closed_on, e.liberated_on, e.expected_liberation_on, e.engaged,
        e.last_contact_on, e.returned_on, p.first_name, p.last_name, p.risk_to_staff
      from scope s
      join episode e on e.programme_id = ${programmeId} and e.id = s.id
      join person p on p.programme_id = e.programme_id and p.id = e.person_id
      where p.merged_into is null${workerFilter})`;
}

function stageCondition(stage: Stage, now: string): RawBuilder<unknown> {
  const [monday, sunday] = weekOf(now);
  const open = sql`b.closed_on is null`;
  switch (stage) {
    case 'open':
      return open;
    case 'in-prison':
      return sql`${open} and b.liberated_on is null`;
    case 'liberated-this-week':
      return sql`${open} and b.liberated_on between ${monday}::date and ${sunday}::date`;
    case 'engaged':
      return sql`${open} and b.liberated_on is not null and b.engaged`;
    case 'not-engaged':
      return sql`${open} and b.liberated_on is not null and not b.engaged`;
    case 'closed':
      return sql`b.closed_on is not null`;
  }
}

/**
 * How many of the caseload are at each stage (under the worker filter). The open stages are counted in
 * one pass over the open sign-ups; the closed are counted from the assignments alone (a merged
 * record's sign-ups move to the record kept, so there is nothing there for the person to filter).
 */
export async function stageCounts(ctx: SignedInCtx, scope: Scope): Promise<Record<Stage, number>> {
  const now = today(ctx.actor.timeZone);
  const stages = ['open', 'in-prison', 'liberated-this-week', 'engaged', 'not-engaged'] as const;
  const columns = sql.join(stages.map((stage) => sql`count(*) filter (where ${stageCondition(stage, now)})::int as ${sql.ref(stage)}`));
  const closed = sql`(select count(*) from (${caseloadScope(ctx, scope, 'closed')}) c)::int as closed`;
  const { rows } = await sql<Record<Stage, number>>`with ${baseCtes(ctx, scope, 'open')} select ${columns}, ${closed} from base b`.execute(ctx.db);
  return rows[0] ?? { open: 0, 'in-prison': 0, 'liberated-this-week': 0, engaged: 0, 'not-engaged': 0, closed: 0 };
}

/** What is next for a sign-up: its next planned appointment (today or later) and its open action due first. */
function nextJoins(ctx: SignedInCtx, alias: string, now: string) {
  const { programmeId } = ctx.actor;
  const id = sql.ref(`${alias}.id`);
  return sql`left join lateral (
      select ap.planned_on, ap.planned_time, ap.place, ap.with_whom from appointment ap
      where ap.programme_id = ${programmeId} and ap.episode_id = ${id} and ap.status = 'planned' and ap.entered_in_error_at is null and ap.planned_on >= ${now}::date
      order by ap.planned_on, ap.planned_time nulls last limit 1) na on true
    left join lateral (
      select pa.due_on, pa.goal from plan_action pa
      where pa.programme_id = ${programmeId} and pa.episode_id = ${id} and pa.status = 'open' and pa.entered_in_error_at is null and pa.due_on is not null
      order by pa.due_on limit 1) nx on true`;
}

/** The next appointment's and action's columns: from the lateral joins (`na`, `nx`), or from the page when it has them already. */
function nextColumns(from: 'joins' | 'page', as: 'snake' | 'camel') {
  const source = (join: string, column: string, name: string) => sql.ref(from === 'joins' ? `${join}.${column}` : `pg.${name}`);
  const columns: [string, string, string, string][] = [
    ['na', 'planned_on', 'appointment_on', 'appointmentOn'],
    ['na', 'planned_time', 'appointment_time', 'appointmentTime'],
    ['na', 'place', 'appointment_place', 'appointmentPlace'],
    ['na', 'with_whom', 'appointment_with', 'appointmentWith'],
    ['nx', 'due_on', 'action_due_on', 'actionDueOn'],
    ['nx', 'goal', 'action_goal', 'actionGoal'],
  ];
  return sql.join(columns.map(([join, column, snake, camel]) => sql`${source(join, column, snake)} as ${sql.ref(as === 'snake' ? snake : camel)}`));
}

function orderBy(query: CaseloadQuery, alias: string): RawBuilder<unknown> {
  const dir = query.order === 'desc' ? sql`desc` : sql`asc`;
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const byName = sql`lower(${col('last_name')}), lower(${col('first_name')}), ${col('id')}`;
  switch (query.sort) {
    case 'client':
      return sql`lower(${col('last_name')}) ${dir}, lower(${col('first_name')}) ${dir}, ${col('id')}`;
    case 'liberation':
      return sql`coalesce(${col('liberated_on')}, ${col('expected_liberation_on')}) ${dir} nulls last, ${byName}`;
    case 'last-contact':
      return sql`${col('last_contact_on')} ${dir} nulls last, ${byName}`;
    case 'next':
      return sql`least(${col('appointment_on')}, ${col('action_due_on')}) ${dir} nulls last, ${byName}`;
  }
}

/** One page of the caseload at the query's stage, in its order. */
export async function caseloadPage(ctx: SignedInCtx, props: { scope: Scope; query: CaseloadQuery }): Promise<CaseloadRow[]> {
  const { scope, query } = props;
  const now = today(ctx.actor.timeZone);
  const offset = (query.page - 1) * PAGE_SIZE;
  const filtered = sql`select b.* from base b where ${stageCondition(query.stage, now)}`;
  // Sorted by what is next, every row needs its next appointment and action before paging; otherwise only the page's rows do.
  const byNext = query.sort === 'next';
  const page = byNext
    ? sql`select n.* from (select f.*, ${nextColumns('joins', 'snake')} from (${filtered}) f ${nextJoins(ctx, 'f', now)}) n order by ${orderBy(query, 'n')} limit ${PAGE_SIZE} offset ${offset}`
    : sql`select f.* from (${filtered}) f order by ${orderBy(query, 'f')} limit ${PAGE_SIZE} offset ${offset}`;
  const workers =
    scope.kind === 'team'
      ? sql`(select string_agg(w.display_name, ', ' order by part.sort_order) from assignment a
          join app_user w on w.programme_id = a.programme_id and w.id = a.worker_id
          join assignment_part part on part.code = a.part
          where a.programme_id = ${ctx.actor.programmeId} and a.episode_id = pg.id and a.to_on is null)`
      : sql`null::text`;
  const { rows } = await sql<CaseloadRow>`with ${baseCtes(ctx, scope, query.stage === 'closed' ? 'closed' : 'open')}, pg as materialized (${page})
    select pg.id as "episodeId", pg.person_id as "personId", pg.first_name as "firstName", pg.last_name as "lastName",
      pg.prison_number as "prisonNumber", pg.version, pg.closed_on as "closedOn", pg.liberated_on as "liberatedOn",
      pg.expected_liberation_on as "expectedLiberationOn", pg.engaged, pg.last_contact_on as "lastContactOn",
      pg.risk_to_staff as "riskToStaff", pg.returned_on as "returnedOn", ${nextColumns(byNext ? 'page' : 'joins', 'camel')}, ${workers} as workers
    from pg ${byNext ? sql`` : nextJoins(ctx, 'pg', now)}
    where ${canSeePersonSql(ctx.actor, sql.ref<string>('pg.person_id'))}
    order by ${orderBy(query, 'pg')}`.execute(ctx.db);
  return rows;
}
