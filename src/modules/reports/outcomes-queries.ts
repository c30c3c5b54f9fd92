import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { selectedSignUps } from './engagement-queries.ts';
import { outcomeAwaitsVerification, outcomeCounts } from './outcome-counting.ts';

/** The filters without the period: for what is counted by its own date (outcomes, job starts...), on sign-ups of any date. */
export const withoutPeriod = (filter: EngagementFilter): EngagementFilter => ({ ...filter, from: undefined, to: undefined });

const inPeriod = (column: string, filter: EngagementFilter): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.join([sql`true`, ...(filter.from ? [sql`${sql.ref(column)} >= ${filter.from}`] : []), ...(filter.to ? [sql`${sql.ref(column)} <= ${filter.to}`] : [])], sql` and `)}`;

export interface HardOutcomeCounts {
  engagedSignUps: number;
  engagedPeople: number;
  /** By category; 'any' for at least one hard outcome of any category. */
  byCategory: Map<string, { signUps: number; people: number }>;
}

/**
 * Engaged sign-ups in the selection (signed up in the period) with at least one hard outcome that
 * counts, of any date, by the category of its type and in total; and the people they belong to.
 */
export async function countHardOutcomes(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<HardOutcomeCounts> {
  const { ctx } = props;
  const programmeId = ctx.actor.programmeId;
  const [engaged, rows] = await Promise.all([
    ctx.db
      .with('selected', () => selectedSignUps(props))
      .selectFrom('selected as s')
      .select([sql<number>`count(*)`.as('signUps'), sql<number>`count(distinct s.person_id)`.as('people')])
      .where('s.engaged', '=', true)
      .executeTakeFirstOrThrow(),
    ctx.db
      .with('selected', () => selectedSignUps(props))
      .selectFrom('selected as s')
      .innerJoin('outcome as o', (join) => join.on('o.programme_id', '=', programmeId).onRef('o.episode_id', '=', 's.id'))
      .innerJoin('outcome_type_rule as r', (join) => join.onRef('r.programme_id', '=', 'o.programme_id').onRef('r.code', '=', 'o.outcome_type'))
      .where('s.engaged', '=', true)
      .where('r.hard', '=', true)
      .where(outcomeCounts)
      .select([
        sql<string>`coalesce(r.category, 'any')`.as('category'),
        sql<number>`count(distinct s.id)`.as('signUps'),
        sql<number>`count(distinct s.person_id)`.as('people'),
      ])
      .groupBy(sql`grouping sets ((r.category), ())`)
      .execute(),
  ]);
  return {
    engagedSignUps: engaged.signUps,
    engagedPeople: engaged.people,
    byCategory: new Map(rows.map((row) => [row.category, { signUps: row.signUps, people: row.people }])),
  };
}

export interface TypeCount {
  outcomes: number;
  people: number;
  awaitingVerification: number;
}

/**
 * Outcomes dated in the period (on sign-ups matching the other filters), by type: those that count,
 * the distinct people they belong to, and those that would count once verified. Key 'all' is the total.
 */
export async function countOutcomesByType(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<Map<string, TypeCount>> {
  const { ctx, filter } = props;
  const programmeId = ctx.actor.programmeId;
  const rows = await ctx.db
    .with('selected', () => selectedSignUps({ ctx, filter: withoutPeriod(filter) }))
    .selectFrom('outcome as o')
    .innerJoin('selected as s', 's.id', 'o.episode_id')
    .innerJoin('outcome_type_rule as r', (join) => join.onRef('r.programme_id', '=', 'o.programme_id').onRef('r.code', '=', 'o.outcome_type'))
    .where('o.programme_id', '=', programmeId)
    .where(inPeriod('o.achieved_on', filter))
    .select([
      sql<string>`coalesce(o.outcome_type, 'all')`.as('type'),
      sql<number>`count(*) filter (where ${outcomeCounts})`.as('outcomes'),
      sql<number>`count(distinct s.person_id) filter (where ${outcomeCounts})`.as('people'),
      sql<number>`count(*) filter (where ${outcomeAwaitsVerification})`.as('awaitingVerification'),
    ])
    .groupBy(sql`grouping sets ((o.outcome_type), ())`)
    .execute();
  return new Map(rows.map(({ type, ...counts }) => [type, counts]));
}

export interface EmploymentCounts {
  handOvers: { count: number; people: number };
  jobStarts: { count: number; people: number };
  /** For each in-work check week: job starts in the period whose check has fallen due by `today`, and those still in work at it. */
  sustained: { week: number; due: number; inWork: number; people: number }[];
}

/**
 * Employment in the period, on sign-ups matching the other filters: hand-overs to an employment
 * consultant (assignments begun in the period), job starts (started in the period, not in error),
 * and of those job starts, the ones still in work at each in-work check.
 */
export async function countEmployment(props: { ctx: SignedInCtx; filter: EngagementFilter; weeks: number[]; today: string }): Promise<EmploymentCounts> {
  const { ctx, filter } = props;
  const programmeId = ctx.actor.programmeId;
  const selected = () => selectedSignUps({ ctx, filter: withoutPeriod(filter) });
  const [handOvers, jobStarts, checks] = await Promise.all([
    ctx.db
      .with('selected', selected)
      .selectFrom('assignment as a')
      .innerJoin('selected as s', 's.id', 'a.episode_id')
      .where('a.programme_id', '=', programmeId)
      .where('a.part', '=', 'employment_consultant')
      .where(inPeriod('a.from_on', filter))
      .select(countAndPeople)
      .executeTakeFirstOrThrow(),
    ctx.db
      .with('selected', selected)
      .selectFrom('job_start as j')
      .innerJoin('selected as s', 's.id', 'j.episode_id')
      .where('j.programme_id', '=', programmeId)
      .where('j.entered_in_error_at', 'is', null)
      .where(inPeriod('j.started_on', filter))
      .select(countAndPeople)
      .executeTakeFirstOrThrow(),
    ctx.db
      .with('selected', selected)
      .selectFrom('job_start as j')
      .innerJoin('selected as s', 's.id', 'j.episode_id')
      .crossJoin(sql<{ week: number }>`unnest(${sql.val(props.weeks)}::int[])`.as('w'))
      .where('j.programme_id', '=', programmeId)
      .where('j.entered_in_error_at', 'is', null)
      .where(inPeriod('j.started_on', filter))
      .where(sql<SqlBool>`j.started_on + 7 * w.w <= ${props.today}::date`)
      .select([
        sql<number>`w.w`.as('week'),
        sql<number>`count(*)`.as('due'),
        sql<number>`count(*) filter (where ${stillInWork})`.as('inWork'),
        sql<number>`count(distinct s.person_id) filter (where ${stillInWork})`.as('people'),
      ])
      .groupBy(sql`w.w`)
      .execute(),
  ]);
  return {
    handOvers,
    jobStarts,
    sustained: props.weeks.map((week) => checks.find((row) => row.week === week) ?? { week, due: 0, inWork: 0, people: 0 }),
  };
}

/** How many rows, and of how many people (`s` is the selected sign-up). */
const countAndPeople = [sql<number>`count(*)`.as('count'), sql<number>`count(distinct s.person_id)`.as('people')];

const stillInWork = sql<boolean>`exists (select 1 from in_work_check c
  where c.programme_id = j.programme_id and c.job_start_id = j.id and c.check_week = w.w and c.in_work and c.entered_in_error_at is null)`;
