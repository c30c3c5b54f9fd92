import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { selectedSignUps } from './engagement-queries.ts';

export interface AreaCounts {
  area: string;
  /** People scored in the area at two or more readings. */
  people: number;
  meanFirst: number | null;
  meanLatest: number | null;
  improved: number;
}

export interface DistanceCounts {
  /** People with two or more readings. */
  people: number;
  areas: AreaCounts[];
  /** Readings by self-reported reoffending, and the people who gave each answer at least once. */
  reoffending: { answer: string; readings: number; people: number }[];
  readings: number;
  /** People with at least one reading. */
  peopleRead: number;
}

/**
 * Distance travelled for the selected sign-ups (signed up in the period): their readings not entered
 * in error, taken together per person across their sign-ups. For each area, a person's first score
 * is the client's at their earliest reading scoring the area, the latest at their most recent
 * (by date, then as entered); they have improved when latest >= first + `threshold` (the SQL twin
 * of hasImproved in src/modules/distance/improvement.ts).
 */
export async function countDistance(props: { ctx: SignedInCtx; filter: EngagementFilter; threshold: number }): Promise<DistanceCounts> {
  const { ctx, threshold } = props;
  const programmeId = ctx.actor.programmeId;
  const readings = () =>
    ctx.db
      .with('selected', () => selectedSignUps(props))
      .selectFrom('distance_reading as d')
      .innerJoin('selected as s', 's.id', 'd.episode_id')
      .where('d.programme_id', '=', programmeId)
      .where('d.entered_in_error_at', 'is', null);
  const perPersonArea = readings()
    .innerJoin('distance_score as sc', (join) => join.on('sc.programme_id', '=', programmeId).onRef('sc.reading_id', '=', 'd.id'))
    .select([
      's.person_id',
      'sc.area',
      sql<number>`count(*)`.as('scored'),
      sql<number>`(array_agg(sc.client_score order by d.read_on, d.created_at, d.id))[1]`.as('first'),
      sql<number>`(array_agg(sc.client_score order by d.read_on desc, d.created_at desc, d.id desc))[1]`.as('latest'),
    ])
    .groupBy(['s.person_id', 'sc.area'])
    .as('p');
  const perPerson = readings().select(['s.person_id', sql<number>`count(*)`.as('n')]).groupBy('s.person_id').as('p');
  const [areas, people, reoffending] = await Promise.all([
    ctx.db
      .selectFrom(perPersonArea)
      .where('p.scored', '>=', 2)
      .select([
        'p.area',
        sql<number>`count(*)`.as('people'),
        sql<number | null>`round(avg(p.first), 1)::float8`.as('meanFirst'),
        sql<number | null>`round(avg(p.latest), 1)::float8`.as('meanLatest'),
        sql<number>`count(*) filter (where p.latest >= p.first + ${threshold})`.as('improved'),
      ])
      .groupBy('p.area')
      .execute(),
    ctx.db
      .selectFrom(perPerson)
      .select([sql<number>`count(*) filter (where p.n >= 2)`.as('twoOrMore'), sql<number>`count(*)`.as('any'), sql<number>`coalesce(sum(p.n), 0)::int`.as('readings')])
      .executeTakeFirstOrThrow(),
    readings()
      .select(['d.reoffending as answer', sql<number>`count(*)`.as('readings'), sql<number>`count(distinct s.person_id)`.as('people')])
      .groupBy('d.reoffending')
      .execute(),
  ]);
  return { people: people.twoOrMore, peopleRead: people.any, readings: people.readings, areas, reoffending };
}
