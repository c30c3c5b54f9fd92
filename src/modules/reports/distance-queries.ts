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
 * in error, taken together per person across their sign-ups. A person's first reading is their
 * earliest (by date, then as entered), the latest their most recent; in each area scored at both,
 * they have improved when the latest client score >= the first + `threshold` (the SQL twin of
 * hasImproved in src/modules/distance/improvement.ts). Reading only those two readings' scores keeps
 * the work to two key lookups per person, not a sort of every score.
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
  // Each person's readings once: how many, and which were the first and the latest (by date, then as entered).
  const perPerson = readings()
    .select([
      's.person_id',
      sql<number>`count(*)`.as('n'),
      sql<string>`(array_agg(d.id order by d.read_on, d.created_at, d.id))[1]`.as('first_id'),
      sql<string>`(array_agg(d.id order by d.read_on desc, d.created_at desc, d.id desc))[1]`.as('latest_id'),
    ])
    .groupBy('s.person_id')
    .as('p');
  const [areas, people, reoffending] = await Promise.all([
    // Only the first and the latest reading's scores are read (by the scores' key), never every score.
    ctx.db
      .selectFrom(perPerson)
      .innerJoin('distance_score as f', (join) => join.on('f.programme_id', '=', programmeId).onRef('f.reading_id', '=', 'p.first_id'))
      // Lateral, so each latest score is one key lookup: as a plain join the planner hashed all 6M scores.
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('distance_score as l')
            .select('l.client_score')
            .where('l.programme_id', '=', programmeId)
            .whereRef('l.reading_id', '=', 'p.latest_id')
            .whereRef('l.area', '=', 'f.area')
            .limit(1) // one row (the key), and a fence: without it the subquery is flattened into a hash join again
            .as('l'),
        (join) => join.onTrue(),
      )
      .where('p.n', '>=', 2)
      .select([
        'f.area',
        sql<number>`count(*)`.as('people'),
        sql<number | null>`round(avg(f.client_score), 1)::float8`.as('meanFirst'),
        sql<number | null>`round(avg(l.client_score), 1)::float8`.as('meanLatest'),
        sql<number>`count(*) filter (where l.client_score >= f.client_score + ${threshold})`.as('improved'),
      ])
      .groupBy('f.area')
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
