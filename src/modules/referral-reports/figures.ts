import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { percentOf, share, type BreakdownRow } from '../reports/shares.ts';
import { DECLINE_REASONS } from '../referrals/lifecycle.ts';

/**
 * What both referral reports count, over a set of referrals: the figures of one group (an agency, a
 * service, a month...). A referral entered in error is never in the set (referralFacts).
 */
export interface ReferralCounts {
  made: number;
  /** Answered and not declined: accepted by the agency (or, for a logged referral, recorded so by the coach). */
  accepted: number;
  declined: number;
  /** With an appointment booked (at any date, kept or not). */
  booked: number;
  attended: number;
  /** An appointment recorded as missed, and not attended since. */
  didNotAttend: number;
  /** Attended with the coach. */
  accompanied: number;
  withdrawn: number;
  /** Still waiting for an answer. */
  waiting: number;
  /** Days from the referral to its first appointment, over those with one: lower quartile, median, upper quartile. */
  days: { referrals: number; lower: number | null; median: number | null; upper: number | null };
}

/** The rates the reports give for a group: accepted of answered, attended of booked, accompanied of attended. */
export const rates = (counts: ReferralCounts) => ({
  acceptedOfAnswered: percentOf(counts.accepted, counts.accepted + counts.declined),
  attendedOfBooked: percentOf(counts.attended, counts.booked),
  accompaniedOfAttended: percentOf(counts.accompanied, counts.attended),
});

export interface GroupRow {
  /** The organisation's, service's or need domain's id or code (null: not in the directory). */
  key: string | null;
  label: string;
  counts: ReferralCounts;
}

/** The groups of one of countReferrals' columns as rows, most referrals first, then by their words. */
export const groupRows = (groups: Map<string | null, ReferralCounts>, label: (key: string | null) => string): GroupRow[] =>
  [...groups].map(([key, counts]) => ({ key, label: label(key), counts })).sort((a, b) => b.counts.made - a.counts.made || a.label.localeCompare(b.label));

/** A code of a list (a reason, a result), its words, and how many of a whole it counts. */
export interface CodeShare extends BreakdownRow {
  code: string;
}

/** Each reason for declining, in the list's order, as a share of all declined: from countReferrals' `decline_reason` groups. */
export const declineShares = (byReason: Map<string | null, ReferralCounts>, total: ReferralCounts): CodeShare[] =>
  Object.entries(DECLINE_REASONS).map(([code, label]) => ({ code, label, ...share(byReason.get(code)?.made ?? 0, total.declined) }));

export const NO_REFERRALS: ReferralCounts = {
  made: 0,
  accepted: 0,
  declined: 0,
  booked: 0,
  attended: 0,
  didNotAttend: 0,
  accompanied: 0,
  withdrawn: 0,
  waiting: 0,
  days: { referrals: 0, lower: null, median: null, upper: null },
};

/**
 * The referrals of the actor's programme that count (not entered in error), one row each with what
 * the reports group and count by, as `r`. Each report narrows it (a period, an organisation...).
 */
export function referralFacts(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('referral as r')
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .where('r.entered_in_error_at', 'is', null)
    .select([
      'r.id',
      'r.episode_id',
      'r.mode',
      'r.status',
      'r.organisation_id',
      'r.service_id',
      sql<string>`coalesce(r.organisation_id::text, 'named:' || r.agency_name)`.as('agency_key'),
      'r.need_domain',
      'r.sent_on',
      sql<string>`to_char(r.sent_on, 'YYYY-MM')`.as('month'),
      'r.answered_on',
      'r.decline_reason',
      'r.first_appointment_on',
      'r.attended_on',
      'r.accompanied',
      'r.outcome_result',
      sql<boolean>`exists (select 1 from referral_event v
        where v.programme_id = r.programme_id and v.referral_id = r.id and v.kind = 'did_not_attend')`.as('missed'),
    ]);
}

type ReferralFactsQuery = ReturnType<typeof referralFacts>;

/** For `facts.$call(...)`: the referrals whose `date` is in the period (both ends included, either end open). */
export const inPeriod =
  (date: 'r.sent_on' | 'r.attended_on', period: { from?: string; to?: string }) =>
  (facts: ReferralFactsQuery): ReferralFactsQuery =>
    facts.$if(period.from !== undefined, (q) => q.where(date, '>=', period.from as string)).$if(period.to !== undefined, (q) => q.where(date, '<=', period.to as string));
/** A column of the facts a report may group by. */
type GroupColumn = 'mode' | 'agency_key' | 'service_id' | 'need_domain' | 'decline_reason' | 'outcome_result' | 'month';

/**
 * Counts the referrals of `facts` in one pass: in total, and grouped by each of `columns` (by
 * grouping sets). Returns the total and, for each column, its values (null for "none", such as a
 * referral to an agency not in the directory) with their counts.
 */
export async function countReferrals<Column extends GroupColumn>(props: {
  ctx: SignedInCtx;
  facts: ReferralFactsQuery;
  columns: readonly Column[];
}): Promise<{ total: ReferralCounts; groups: Record<Column, Map<string | null, ReferralCounts>> }> {
  const { columns } = props;
  const ref = (column: string) => sql.ref(`r.${column}`);
  const dimension = sql.join(
    columns.map((column) => sql`when grouping(${ref(column)}) = 0 then ${column}`),
    sql` `,
  );
  const value = columns.length > 0 ? sql`coalesce(${sql.join(columns.map((column) => sql`${ref(column)}::text`))})` : sql`null`;
  const sets = sql.join([...columns.map((column) => sql`(${ref(column)})`), sql`()`]);
  const rows = await props.ctx.db
    .with('r', () => props.facts)
    .selectFrom('r')
    .select([
      sql<Column | 'total'>`case ${columns.length > 0 ? dimension : sql``} else 'total' end`.as('dimension'),
      sql<string | null>`${value}`.as('value'),
      sql<number>`count(*)`.as('made'),
      sql<number>`count(*) filter (where r.answered_on is not null and r.decline_reason is null)`.as('accepted'),
      sql<number>`count(*) filter (where r.decline_reason is not null)`.as('declined'),
      sql<number>`count(*) filter (where r.first_appointment_on is not null)`.as('booked'),
      sql<number>`count(*) filter (where r.attended_on is not null)`.as('attended'),
      sql<number>`count(*) filter (where r.attended_on is null and r.missed)`.as('didNotAttend'),
      sql<number>`count(*) filter (where r.attended_on is not null and r.accompanied)`.as('accompanied'),
      sql<number>`count(*) filter (where r.status = 'withdrawn')`.as('withdrawn'),
      sql<number>`count(*) filter (where r.status = 'sent')`.as('waiting'),
      sql<number[] | null>`percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by r.first_appointment_on - r.sent_on)
        filter (where r.first_appointment_on is not null)`.as('quartiles'),
    ])
    .groupBy(sql`grouping sets (${sets})`)
    .execute();
  const groups = Object.fromEntries(columns.map((column) => [column, new Map()])) as Record<Column, Map<string | null, ReferralCounts>>;
  let total = NO_REFERRALS;
  for (const { dimension, value: key, quartiles, ...figures } of rows) {
    const [lower = null, median = null, upper = null] = (quartiles ?? []).map(Number);
    const counts: ReferralCounts = { ...figures, days: { referrals: figures.booked, lower, median, upper } };
    if (dimension === 'total') total = counts;
    else groups[dimension as Column].set(key, counts);
  }
  return { total, groups };
}
