import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { followedToSql, notFollowedSql, returnedInWindowSql, returnedOnSql, wholeWindowSql } from '../returns/follow-up.ts';
import { bandSql } from './bands.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { selectedSignUps } from './engagement-queries.ts';
import { SIGN_UP_TO_LIBERATION_BANDS, type SignUpToLiberationBand } from './funnel-bands.ts';
import { outcomeCounts } from './outcome-counting.ts';

/** An engaged sign-up with at least one outcome of a hard type that counts (of any date), as the outcomes report counts them. `e` is the sign-up. */
const hardOutcomeSql = sql<boolean>`(e.engaged and exists (select 1 from outcome o
  join outcome_type_rule r on r.programme_id = o.programme_id and r.code = o.outcome_type
  where o.programme_id = e.programme_id and o.episode_id = e.id and r.hard and ${outcomeCounts}))`;

const daysToLiberation = sql<number>`(e.liberated_on - e.signed_up_on)`;

export interface FunnelCounts {
  signUps: number;
  visited: number;
  visitedTwice: number;
  gateMet: number;
  engaged: number;
  hardOutcome: number;
  notFollowed: number;
  windowIncomplete: number;
  wholeWindow: number;
  returnedInWindow: number;
  /** The latest extract date among the selected sign-ups' people (null: none in any extract). */
  latestExtract: string | null;
}

export interface BandCounts {
  signUps: number;
  engaged: number;
  gateMet: number;
}

/**
 * Every figure of the funnel in one query: the sign-ups liberated in the period (selectedSignUps with
 * `periodOf: 'liberated_on'`), each read once (the fence, `offset 0`, makes each follow-up look-up run
 * once per liberation, not once per aggregate that uses it), then one pass of aggregates by grouping
 * sets: the totals, and each band of days from sign-up to liberation.
 */
export function funnelQuery(props: { ctx: SignedInCtx; filter: EngagementFilter; windowDays: number }) {
  const { ctx, filter, windowDays } = props;
  const liberations = selectedSignUps({ ctx, filter, periodOf: 'liberated_on' })
    .select([
      sql<string>`e.liberated_on`.as('liberated_on'),
      bandSql(daysToLiberation, SIGN_UP_TO_LIBERATION_BANDS).as('band'),
      hardOutcomeSql.as('hard_outcome'),
      followedToSql.as('followed_to'),
      returnedOnSql.as('returned_on'),
    ])
    .offset(0)
    .as('s');
  const whole = wholeWindowSql(windowDays);
  return ctx.db
    .selectFrom(liberations)
    .select([
      sql<boolean>`grouping(s.band) = 0`.as('byBand'),
      sql<SignUpToLiberationBand | null>`s.band`.as('band'),
      sql<number>`count(*)`.as('signUps'),
      sql<number>`count(*) filter (where s.visits >= 1)`.as('visited'),
      sql<number>`count(*) filter (where s.visits >= 2)`.as('visitedTwice'),
      sql<number>`count(*) filter (where s.gate_met)`.as('gateMet'),
      sql<number>`count(*) filter (where s.engaged)`.as('engaged'),
      sql<number>`count(*) filter (where s.hard_outcome)`.as('hardOutcome'),
      sql<number>`count(*) filter (where ${notFollowedSql})`.as('notFollowed'),
      sql<number>`count(*) filter (where not ${notFollowedSql} and not ${whole})`.as('windowIncomplete'),
      sql<number>`count(*) filter (where ${whole})`.as('wholeWindow'),
      sql<number>`count(*) filter (where ${whole} and ${returnedInWindowSql(windowDays)})`.as('returnedInWindow'),
      sql<string | null>`max(s.followed_to)::text`.as('latestExtract'),
    ])
    .groupBy(sql`grouping sets ((), (s.band))`);
}

/** The funnel's figures (funnelQuery): the totals, and each band's. */
export async function countFunnel(props: { ctx: SignedInCtx; filter: EngagementFilter; windowDays: number }) {
  const rows = await funnelQuery(props).execute();

  const empty: FunnelCounts = {
    signUps: 0,
    visited: 0,
    visitedTwice: 0,
    gateMet: 0,
    engaged: 0,
    hardOutcome: 0,
    notFollowed: 0,
    windowIncomplete: 0,
    wholeWindow: 0,
    returnedInWindow: 0,
    latestExtract: null,
  };
  let totals = empty;
  const bands = new Map<SignUpToLiberationBand, BandCounts>();
  for (const { byBand, band, ...counts } of rows) {
    if (!byBand) totals = counts;
    else if (band) bands.set(band, { signUps: counts.signUps, engaged: counts.engaged, gateMet: counts.gateMet });
  }
  return { totals, bands };
}
