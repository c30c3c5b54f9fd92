import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, RetainedStatistic } from '../../db/schema.ts';
import { AGE_BANDS, bandSql } from '../reports/bands.ts';
import { outcomeCounts } from '../reports/outcome-counting.ts';

/**
 * The pseudonymised statistics kept of a person's sign-ups when their records are deleted: a row per
 * sign-up with what the programme's rules keep (the rest null), under one random pseudonym for the
 * person, drawn now and kept nowhere else, so nothing leads back from the row to the person. Ages
 * are bands, dates are months; no names, dates of birth, free text or ids of deleted records.
 */
export async function keepStatistics(db: Kysely<Database>, props: { programmeId: string; episodeIds: string[]; keep: RetainedStatistic[] }): Promise<number> {
  if (props.keep.length === 0 || props.episodeIds.length === 0) return 0;
  const age = sql<number | null>`extract(year from age(e.signed_up_on, e.person_date_of_birth))::int`;
  const { rows } = await sql<{
    signed_up_month: string;
    closed_month: string | null;
    age_band: string;
    gender: string | null;
    prison_id: string;
    engaged: boolean;
    returned: boolean;
    outcomes: Record<string, number> | null;
  }>`
    select date_trunc('month', e.signed_up_on)::date as signed_up_month, date_trunc('month', e.closed_on)::date as closed_month,
      ${bandSql(age, AGE_BANDS)} as age_band, e.person_gender as gender, e.prison_id, e.engaged, e.returned_on is not null as returned,
      (select jsonb_object_agg(t.outcome_type, t.n) from (
         select o.outcome_type, count(*)::int as n from outcome o
         join outcome_type_rule r on r.programme_id = o.programme_id and r.code = o.outcome_type
         where o.programme_id = e.programme_id and o.episode_id = e.id and ${outcomeCounts}
         group by o.outcome_type) t) as outcomes
    from episode e
    where e.programme_id = ${props.programmeId} and e.id in (${sql.join(props.episodeIds)})
    order by e.signed_up_on`.execute(db);
  const pseudonym = randomUUID();
  const kept = (code: RetainedStatistic) => props.keep.includes(code);
  await db
    .insertInto('retained_statistic')
    .values(
      rows.map((row) => ({
        programme_id: props.programmeId,
        person_pseudonym: pseudonym,
        signed_up_month: kept('period') ? row.signed_up_month : null,
        closed_month: kept('period') ? row.closed_month : null,
        age_band: kept('age_band') ? row.age_band : null,
        gender: kept('gender') ? row.gender : null,
        prison_id: kept('prison') ? row.prison_id : null,
        engaged: kept('engaged') ? row.engaged : null,
        returned_to_custody: kept('returned') ? row.returned : null,
        outcomes: kept('outcomes') ? JSON.stringify(row.outcomes ?? {}) : null,
      })),
    )
    .execute();
  return rows.length;
}

/** What the statistics kept hold: sign-ups and people from deleted records, by year of sign-up. */
export async function keptStatistics(db: Kysely<Database>, programmeId: string) {
  const { rows } = await sql<{ year: number | null; signUps: number; people: number; engaged: number; returned: number }>`
    select extract(year from signed_up_month)::int as year, count(*)::int as "signUps", count(distinct person_pseudonym)::int as people,
      count(*) filter (where engaged)::int as engaged, count(*) filter (where returned_to_custody)::int as returned
    from retained_statistic where programme_id = ${programmeId}
    group by 1 order by 1 nulls last`.execute(db);
  return rows;
}
