import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { SheetCell } from '../../http/sheet-cells.ts';
import { AGE_BANDS, bandSql, PREVIOUS_SENTENCE_BANDS, SENTENCE_BANDS } from '../reports/bands.ts';
import { followedToSql, returnedOnSql } from '../returns/follow-up.ts';
import { pseudonym } from './pseudonyms.ts';

export interface ResearchPeriod {
  from?: string;
  to?: string;
}

const age = sql<number | null>`extract(year from age(e.signed_up_on::timestamp, e.person_date_of_birth::timestamp))`;
const ageAtLiberation = sql<number | null>`extract(year from age(e.liberated_on::timestamp, e.person_date_of_birth::timestamp))`;
const month = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM')`;

/**
 * The pseudonymised research extract: one row per sign-up in the period (by sign-up date, both ends
 * included), the person and the sign-up known only by pseudonyms (pseudonyms.ts). No names, dates of
 * birth, contact details, prison numbers or free-text notes are read at all. Dates are months,
 * and intervals are days from liberation: exact days (a release date and a prison) could single
 * someone out, and month precision keeps what analysis needs (cohorts, seasons, time to events).
 */
export async function researchRows(props: { ctx: SignedInCtx; key: string; period: ResearchPeriod }): Promise<SheetCell[][]> {
  const { ctx, key, period } = props;
  const programmeId = ctx.actor.programmeId;
  const outcomeTypes = await ctx.db
    .selectFrom('choice')
    .select('code')
    .where('programme_id', '=', programmeId)
    .where('list', '=', 'outcome_type')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const rows = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('prison as pr', 'pr.id', 'e.prison_id')
    .leftJoin('team as t', 't.id', 'e.team_id')
    .leftJoin('person as p', 'p.id', 'e.person_id')
    .leftJoin('local_authority as la', 'la.id', 'p.local_authority_id')
    .leftJoin('area as a', (join) => join.on(sql`a.id`, '=', sql`coalesce(la.area_id, t.area_id)`))
    .where('e.programme_id', '=', programmeId)
    .$if(period.from !== undefined, (q) => q.where('e.signed_up_on', '>=', period.from as string))
    .$if(period.to !== undefined, (q) => q.where('e.signed_up_on', '<=', period.to as string))
    .select([
      'e.id',
      'e.person_id as personId',
      'e.person_gender as gender',
      bandSql(age, AGE_BANDS).as('ageBand'),
      sql<string | null>`case when e.liberated_on is not null then ${bandSql(ageAtLiberation, AGE_BANDS)} end`.as('ageBandAtLiberation'),
      'pr.name as prison',
      't.name as team',
      'a.name as area',
      bandSql(sql<number>`e.sentence_months`, SENTENCE_BANDS).as('sentenceBand'),
      bandSql(sql<number>`e.previous_sentences`, PREVIOUS_SENTENCE_BANDS).as('previousBand'),
      month('e.signed_up_on').as('signedUpMonth'),
      month('e.liberated_on').as('liberatedMonth'),
      'e.gate_status as gateStatus',
      'e.pre_release_visits as visits',
      'e.engaged',
      sql<number | null>`e.first_contact_on - e.liberated_on`.as('firstContactDays'),
      sql<number>`(select count(*) from contact c where c.programme_id = e.programme_id and c.episode_id = e.id and c.outcome = 'happened' and c.entered_in_error_at is null)::int`.as('contacts'),
      sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(o.outcome_type, o.n) from (select outcome_type, count(*)::int as n from outcome where programme_id = e.programme_id and episode_id = e.id and entered_in_error_at is null group by outcome_type) o)`.as(
        'outcomes',
      ),
      // The return-to-custody analysis' own definitions (returns/follow-up.ts), so every figure can be redone from here.
      sql<number | null>`case when e.liberated_on is not null and ${followedToSql} >= e.liberated_on then ${followedToSql} - e.liberated_on end`.as('daysFollowed'),
      sql<number | null>`${returnedOnSql} - e.liberated_on`.as('returnDays'),
    ])
    .orderBy('e.signed_up_on')
    .orderBy('e.id')
    .execute();
  const codes = [...new Set([...outcomeTypes.map((type) => type.code), ...rows.flatMap((row) => Object.keys(row.outcomes ?? {}))])];
  const header = [
    'person_pseudonym',
    'sign_up_pseudonym',
    'gender',
    'age_band_at_sign_up',
    'age_band_at_liberation',
    'prison',
    'team',
    'area',
    'sentence_band',
    'previous_sentences_band',
    'signed_up_month',
    'liberated_month',
    'gate_status',
    'pre_release_visits',
    'engaged',
    'first_contact_days_after_liberation',
    'contacts',
    ...codes.map((code) => `outcomes_${code}`),
    'days_followed_after_liberation',
    'returned_to_custody',
    'days_to_return',
  ];
  const body = rows.map((row): SheetCell[] => [
    pseudonym({ key, kind: 'person', id: row.personId }),
    pseudonym({ key, kind: 'sign-up', id: row.id }),
    row.gender,
    row.ageBand,
    row.ageBandAtLiberation,
    row.prison,
    row.team,
    row.area,
    row.sentenceBand,
    row.previousBand,
    row.signedUpMonth,
    row.liberatedMonth,
    row.gateStatus,
    row.visits,
    row.engaged ? 'yes' : 'no',
    row.firstContactDays,
    row.contacts,
    ...codes.map((code) => row.outcomes?.[code] ?? 0),
    row.daysFollowed,
    row.liberatedMonth === null ? null : row.returnDays !== null ? 'yes' : row.daysFollowed !== null ? 'no' : 'not followed',
    row.returnDays,
  ]);
  return [header, ...body];
}
