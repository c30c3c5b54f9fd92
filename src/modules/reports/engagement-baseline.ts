import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { bandSql, MONTHS_OUT_OF_WORK_BANDS } from './bands.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { selectedSignUps } from './engagement-queries.ts';

export interface BaselineCounts {
  /** Selected sign-ups with at least one assessment. */
  assessed: number;
  /** Sign-ups whose baseline found a need, by need domain code. */
  needs: Map<string, number>;
  /** Sign-ups by band of months out of work at the baseline (MONTHS_OUT_OF_WORK_BANDS codes). */
  monthsOutOfWork: Map<string, number>;
}

/**
 * Who the clients are at the start: each selected sign-up's baseline assessment (its first, by date,
 * then as entered) — the needs it found, by domain, and how long they had been out of work.
 */
export async function countBaseline(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<BaselineCounts> {
  const { ctx } = props;
  const programmeId = ctx.actor.programmeId;
  const rows = await ctx.db
    .with('selected', () => selectedSignUps(props))
    // Each selected sign-up's first assessment, in one sorted pass (distinct on), not a look-up per sign-up.
    .with('baseline', (db) =>
      db
        .selectFrom('assessment as a')
        .innerJoin('selected as s', 's.id', 'a.episode_id')
        .where('a.programme_id', '=', programmeId)
        .distinctOn('a.episode_id')
        .select(['a.episode_id', 'a.id', 'a.months_out_of_work'])
        .orderBy('a.episode_id')
        .orderBy('a.assessed_on')
        .orderBy('a.created_at')
        .orderBy('a.id'),
    )
    .selectFrom('baseline as b')
    .select([sql<string>`'assessed'`.as('dimension'), sql<string | null>`null`.as('value'), sql<number>`count(*)`.as('count')])
    .unionAll((db) =>
      db
        .selectFrom('baseline as b')
        // A key lookup per baseline (fenced by offset 0): as a plain join the planner hashed every assessment's needs.
        .innerJoinLateral(
          (eb) => eb.selectFrom('assessment_need as n').select('n.domain').where('n.programme_id', '=', programmeId).whereRef('n.assessment_id', '=', 'b.id').offset(0).as('n'),
          (join) => join.onTrue(),
        )
        .select([sql<string>`'need'`.as('dimension'), 'n.domain as value', sql<number>`count(*)`.as('count')])
        .groupBy('n.domain'),
    )
    .unionAll((db) =>
      db
        .selectFrom('selected as s')
        .leftJoin('baseline as b', 'b.episode_id', 's.id')
        .select([sql<string>`'work'`.as('dimension'), bandSql(sql<number | null>`b.months_out_of_work`, MONTHS_OUT_OF_WORK_BANDS).as('value'), sql<number>`count(*)`.as('count')])
        .groupBy('value'),
    )
    .execute();
  const of = (dimension: string) => new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.value as string, row.count]));
  return { assessed: rows.find((row) => row.dimension === 'assessed')?.count ?? 0, needs: of('need'), monthsOutOfWork: of('work') };
}
