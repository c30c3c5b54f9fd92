import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ADMITTED_NEVER_LIBERATED_SHARE, RETURN_DAYS_SKEW, RETURN_LATER_SHARE, RETURN_WITHIN_YEAR } from './custody-returns.ts';

/**
 * The return-to-custody extract for synthetic data generated before the generator wrote one, made
 * in one statement from what the data holds (for benchmarks on a database kept from an earlier run):
 * a liberation followed by a later sign-up is a return when that sentence started; a sign-up closed
 * because the person "returned to custody" is a return on the day it closed; after any other
 * liberation the person was out at least until the sign-up closed (or its latest contact), and goes
 * back after that by the generator's own chances (custody-returns.ts), drawn from a hash of the
 * sign-up's id and the seed, so that the same database and seed give the same rows. Then a row with
 * no admission for each person not back since their latest liberation, and the extract's few
 * admissions of people never liberated. Every row is checked on the day the data was generated up to.
 */
export interface AddedReturns {
  rows: number;
  asOf: string;
  seconds: number;
}

export async function addReturnsToExistingData(db: Kysely<Database>, options: { programme?: string; seed?: number } = {}): Promise<AddedReturns> {
  const started = performance.now();
  const programme = await db
    .selectFrom('programme')
    .select('id')
    .where('slug', '=', options.programme ?? 'roop')
    .executeTakeFirstOrThrow();
  const seed = String(options.seed ?? 42);
  const asOf = await generatedUpTo(db, programme.id);
  const admin = await db
    .selectFrom('app_user')
    .select('id')
    .where('programme_id', '=', programme.id)
    .where('role', '=', 'administrator')
    .orderBy('email')
    .executeTakeFirst();
  // A number in [0, 1) from 32 bits of the md5 of a row's id and the seed.
  const uniform = (id: string, part: 1 | 2) =>
    sql`(('x' || substr(md5(${sql.raw(id)}::text || ':' || ${seed}), ${part === 1 ? 1 : 9}, 8))::bit(32)::bigint / 4294967296.0)`;
  const result = await sql`
    insert into custody_return (programme_id, person_id, admitted_on, checked_on, created_by)
    with sign_up as (
      select e.id, e.person_id, e.sentenced_on, e.liberated_on, e.closed_on, e.last_contact_on, e.engaged, e.previous_sentences,
        extract(year from age(e.liberated_on, e.person_date_of_birth)) as age,
        (e.closure_reason = 'returned_to_custody' or e.non_engagement_reason = 'returned_to_custody') as closed_as_returned,
        lead(e.sentenced_on) over person as next_sentenced_on,
        lead(e.signed_up_on) over person as next_signed_up_on,
        max(e.liberated_on) over (partition by e.person_id) as latest_liberation
      from episode e
      where e.programme_id = ${programme.id}
      window person as (partition by e.person_id order by e.signed_up_on)
    ),
    drawn as (
      select s.*, ${uniform('s.id', 1)} as u, ${uniform('s.id', 2)} as spread, 1 / (1 + exp(-(${logOdds()}))) as chance,
        greatest(s.liberated_on, s.closed_on, s.last_contact_on) as free_from
      from sign_up s
      where s.liberated_on is not null and s.liberated_on <= ${asOf}::date
    ),
    admission as (
      select d.person_id, d.liberated_on = d.latest_liberation as latest,
        case
          when d.next_signed_up_on is not null then case when d.next_sentenced_on > d.liberated_on then d.next_sentenced_on else d.next_signed_up_on end
          when d.closed_as_returned and d.closed_on is not null then d.closed_on
          when d.u < d.chance then d.free_from + 1 + floor(364 * power(d.spread, ${RETURN_DAYS_SKEW}))::int
          when d.u < d.chance + (1 - d.chance) * ${RETURN_LATER_SHARE} then d.free_from + 366 + floor(730 * d.spread)::int
        end as admitted_on
      from drawn d
    ),
    never_liberated as (
      select s.person_id, min(s.sentenced_on) as admitted_on
      from sign_up s
      where s.latest_liberation is null
      group by s.person_id
      having ${uniform('s.person_id', 1)} < ${ADMITTED_NEVER_LIBERATED_SHARE}
    )
    select ${programme.id}::uuid, person_id, admitted_on, ${asOf}::date, ${admin?.id ?? null}::uuid
    from (
      select a.person_id, a.admitted_on from admission a where a.admitted_on <= ${asOf}::date
      union all
      select a.person_id, null from admission a where a.latest and (a.admitted_on is null or a.admitted_on > ${asOf}::date)
      union all
      select n.person_id, n.admitted_on from never_liberated n where n.admitted_on <= ${asOf}::date
    ) extract_row
  `.execute(db);
  await sql`select analyse_table('custody_return')`.execute(db);
  return { rows: Number(result.numAffectedRows ?? 0), asOf, seconds: (performance.now() - started) / 1000 };
}

/** The day synthetic data was generated up to (the latest run's), or today. */
async function generatedUpTo(db: Kysely<Database>, programmeId: string): Promise<string> {
  const row = await sql<{ as_of: string | null }>`
    select max(detail ->> 'asOf') as as_of from audit_event
    where programme_id = ${programmeId} and actor_label = 'synthetic data generator' and detail ->> 'asOf' is not null
  `.execute(db);
  return row.rows[0]?.as_of ?? new Date().toISOString().slice(0, 10);
}

/** The generator's log-odds of a return within a year, as SQL over a sign-up `d`. */
function logOdds(): RawBuilder<unknown> {
  const band = (column: string, bands: readonly (readonly [number, number])[]) =>
    `case ${[...bands]
      .reverse()
      .map(([from, value]) => `when ${column} >= ${from} then ${value}`)
      .join(' ')} else 0 end`;
  return sql.raw(
    `${RETURN_WITHIN_YEAR.base} + case when s.engaged then ${RETURN_WITHIN_YEAR.engages} else 0 end + ` +
      `${band('s.previous_sentences', RETURN_WITHIN_YEAR.previousSentences)} + ${band('s.age', RETURN_WITHIN_YEAR.age)}`,
  );
}
