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
  episodeId: string;
  personId: string;
  signedUpOn: string;
  liberatedOn: string;
  engaged: boolean;
  visits: number;
  gateMet: boolean;
  gender: string | null;
  ageAtLiberation: number | null;
  previousSentences: number;
  sentenceMonths: number;
  /** The latest extract date the person was in (null: in none). */
  followedTo: string | null;
  /** The first admission after this liberation (null: none known). */
  returnedOn: string | null;
}

/**
 * The liberations of the selected sign-ups: liberated in the filter's period (both ends included) and
 * matching its other filters; one row each, read in one index-only pass over episode_liberation_idx. The filter's ids must have been checked (unknownChoices).
 */
export async function followedLiberations(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<FollowedLiberation[]> {
  const rows = await selectedSignUps({ ...props, periodOf: 'liberated_on' })
    .select([
      sql<string>`e.liberated_on`.as('liberated_on'),
      'e.sentence_months',
      'e.previous_sentences',
      ageAtLiberation.as('age_at_liberation'),
      followedToSql.as('followed_to'),
      returnedOnSql.as('returned_on'),
    ])
    .execute();
  return rows.map((row) => ({
    episodeId: row.id,
    personId: row.person_id,
    signedUpOn: row.signed_up_on,
    liberatedOn: row.liberated_on,
    engaged: row.engaged,
    visits: row.visits,
    gateMet: row.gate_met,
    gender: row.gender,
    ageAtLiberation: row.age_at_liberation,
    previousSentences: row.previous_sentences,
    sentenceMonths: Number(row.sentence_months),
    followedTo: row.followed_to,
    returnedOn: row.returned_on,
  }));
}
