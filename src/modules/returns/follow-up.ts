import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { EngagementFilter } from '../reports/engagement-filters.ts';
import { selectedSignUps } from '../reports/engagement-queries.ts';

/**
 * What the prison service's extracts say about a liberation, for every report that counts returns
 * to custody. `e` is the sign-up (episode). The database keeps both on the sign-up
 * (refresh_liberation_follow_up(), migration 0011, the one definition), whenever an extract's rows
 * or a liberation change:
 *
 * - Followed up to: the latest "as at" date of any extract with a row for the person (an extract has
 *   a row for each person the service followed, with or without an admission). A person in no
 *   extract, or only in extracts taken before their liberation, was not followed after it.
 * - Returned on: the first admission linked to this liberation. The database links each admission to
 *   the person's latest liberation on or before it (liberation_before(), kept when either changes),
 *   so a person who returns after each of two liberations has one return for each, and an admission
 *   before any liberation belongs to none.
 * Rows marked entered in error count nowhere.
 */
export const followedToSql: RawBuilder<string | null> = sql`e.followed_to`;

export const returnedOnSql: RawBuilder<string | null> = sql`e.returned_on`;

/**
 * The SQL twin of the window rule in cohort.ts (followUpOf), for reports that count in one SQL pass, over a row with
 * `liberated_on`, `followed_to` (followedToSql) and `returned_on` (returnedOnSql): a liberation is
 * followed when its person is in an extract dated on or after it; it counts for a rate when that
 * extract is at least `windowDays` days after liberation (the whole window); it returned within the
 * window when its first admission is on or before day `windowDays`. The integration tests check the
 * two agree.
 */
export const notFollowedSql = sql<SqlBool>`(s.followed_to is null or s.followed_to < s.liberated_on)`;
export const wholeWindowSql = (windowDays: number): RawBuilder<SqlBool> => sql<SqlBool>`(s.followed_to - s.liberated_on >= ${windowDays}::integer)`;
export const returnedInWindowSql = (windowDays: number): RawBuilder<SqlBool> =>
  sql<SqlBool>`(s.returned_on is not null and s.returned_on - s.liberated_on <= ${windowDays}::integer)`;

/** Whole years from birth to liberation, as calendar dates. */
const ageAtLiberation = sql<number | null>`extract(year from age(e.liberated_on::timestamp, e.person_date_of_birth::timestamp))::integer`;

/** A liberation in the selection, with what is known of a return after it and what the analysis adjusts for. */
export interface FollowedLiberation {
  /** Its place among the selected liberations in order of record id (a number to match by, cheaper than the id). */
  order: number;
  engaged: boolean;
  visits: number;
  gateMet: boolean;
  gender: string | null;
  ageAtLiberation: number | null;
  previousSentences: number;
  sentenceMonths: number;
  /** Days from liberation to the latest extract the person was in (null: in none; negative: only in extracts before it). */
  daysFollowed: number | null;
  /** Days from liberation to the first admission after it (null: none known). */
  daysToReturn: number | null;
}

export interface FollowedLiberations {
  liberations: FollowedLiberation[];
  /** The latest extract date among the selected liberations' people (null: none in any extract). */
  latestExtract: string | null;
}

type Row = [boolean, number, boolean, string | null, number | null, number, number, number | null, number | null];

/**
 * The liberations of the selected sign-ups: liberated in the filter's period (both ends included) and
 * matching its other filters; one row each, read in one index-only pass over episode_liberation_idx.
 * Days are counted by the database, and the rows come as one JSON array (a national programme's year
 * is some 140,000 of them: parsed at once rather than row by row). The filter's ids must have been
 * checked (unknownChoices).
 */
export async function followedLiberations(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<FollowedLiberations> {
  const selected = selectedSignUps({ ...props, periodOf: 'liberated_on' })
    .clearSelect()
    .select([
      sql<Row>`json_build_array(e.engaged, e.pre_release_visits, e.gate_status is not distinct from 'met', e.person_gender, ${ageAtLiberation},
        e.previous_sentences, e.sentence_months, ${followedToSql} - e.liberated_on, ${returnedOnSql} - e.liberated_on)`.as('row'),
      sql<string | null>`${followedToSql}`.as('followed_to'),
      'e.id',
    ]);
  const result = await props.ctx.db
    .selectFrom(selected.as('l'))
    .select([sql<Row[] | null>`json_agg(l.row order by l.id)`.as('rows'), sql<string | null>`max(l.followed_to)`.as('latest')])
    .executeTakeFirstOrThrow();
  const liberations = (result.rows ?? []).map(
    ([engaged, visits, gateMet, gender, ageAtLiberation, previousSentences, sentenceMonths, daysFollowed, daysToReturn], order): FollowedLiberation => ({
      order,
      engaged,
      visits,
      gateMet,
      gender,
      ageAtLiberation,
      previousSentences,
      sentenceMonths: Number(sentenceMonths),
      daysFollowed,
      daysToReturn,
    }),
  );
  return { liberations, latestExtract: result.latest };
}
