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
 * then as entered) — the needs it found, by domain, and how long they had been out of work. The
 * database keeps each sign-up's baseline on it (episode.baseline_*, migration 0014), so this is one
 * pass over the selected sign-ups.
 */
export async function countBaseline(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<BaselineCounts> {
  const rows = await props.ctx.db
    .with('selected', () => selectedSignUps(props).select(['e.baseline_needs', 'e.baseline_months_out_of_work']))
    .selectFrom('selected as s')
    .select([sql<string>`'assessed'`.as('dimension'), sql<string | null>`null`.as('value'), sql<number>`count(*)::int`.as('count')])
    .where('s.baseline_needs', 'is not', null)
    .unionAll((db) =>
      db
        // unnest in the FROM list is lateral: a row per need of each sign-up's baseline
        .selectFrom(['selected as s', sql<string>`unnest(s.baseline_needs)`.as('domain')])
        .select([sql<string>`'need'`.as('dimension'), sql<string | null>`domain`.as('value'), sql<number>`count(*)::int`.as('count')])
        .groupBy(sql`domain`),
    )
    .unionAll((db) =>
      db
        .selectFrom('selected as s')
        .select([sql<string>`'work'`.as('dimension'), bandSql(sql<number | null>`s.baseline_months_out_of_work`, MONTHS_OUT_OF_WORK_BANDS).as('value'), sql<number>`count(*)::int`.as('count')])
        .groupBy('value'),
    )
    .execute();
  const of = (dimension: string) => new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.value as string, row.count]));
  return { assessed: rows.find((row) => row.dimension === 'assessed')?.count ?? 0, needs: of('need'), monthsOutOfWork: of('work') };
}
