import { sql } from 'kysely';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import type { FilterWith } from '../reports/engagement-filters.ts';
import { selectedSignUps } from '../reports/engagement-queries.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { withoutPeriod } from '../reports/outcomes-queries.ts';
import { share, type Share } from '../reports/shares.ts';
import { countReferrals, declineShares, groupRows, inPeriod, NO_REFERRALS, referralFacts, type CodeShare, type GroupRow, type ReferralCounts } from './figures.ts';
import { agencyNames } from './labels.ts';

export const MODE_WORDS = { live: 'Sent through Throughcare', logged: 'Made outside Throughcare (logged)' } as const;
type Mode = keyof typeof MODE_WORDS;

/** The report's own filter besides the usual ones: referrals sent through Throughcare, or logged. */
export const referralFields = {
  mode: z.enum(['live', 'logged'], { error: 'Select how the referral was made from the list' }).optional().describe('live: sent through Throughcare; logged: made outside it'),
};
export type ReferralFilter = FilterWith<typeof referralFields>;

export interface ReferralReport {
  filter: ReferralFilter;
  total: ReferralCounts;
  byMode: GroupRow[];
  byAgency: (GroupRow & { organisationId: string | null })[];
  byService: GroupRow[];
  byNeedDomain: GroupRow[];
  declineReasons: CodeShare[];
  /** Engaged people of the period (the engagement report's), and those linked to at least one service in it. */
  linked: { engagedPeople: number; linked: Share };
}

/** The referrals that count whose `date` is in the period, of the mode chosen. */
const referralsIn = (ctx: SignedInCtx, filter: ReferralFilter, date: 'r.sent_on' | 'r.attended_on') =>
  referralFacts(ctx)
    .$call(inPeriod(date, filter))
    .$if(filter.mode !== undefined, (q) => q.where('r.mode', '=', filter.mode as Mode));

/** Referrals made in the period, from sign-ups matching the other filters, of the mode chosen. */
function selectedReferrals(ctx: SignedInCtx, filter: ReferralFilter) {
  return referralsIn(ctx, filter, 'r.sent_on').where((eb) => eb('r.episode_id', 'in', eb.selectFrom(selectedSignUps({ ctx, filter: withoutPeriod(filter) }).as('s')).select('s.id')));
}

/**
 * Engaged clients of the period, as the engagement report counts them (people with a sign-up signed
 * up in the period, matching the filters, that engaged after release), and those of them with at
 * least one referral from one of those sign-ups attended in the period (any agency, of the mode chosen).
 */
async function countLinked(ctx: SignedInCtx, filter: ReferralFilter) {
  const attended = referralsIn(ctx, filter, 'r.attended_on').where('r.attended_on', 'is not', null).where('r.episode_id', '=', sql<string>`s.id`);
  const row = await ctx.db
    .with('s', () => selectedSignUps({ ctx, filter }))
    .selectFrom('s')
    .where('s.engaged', '=', true)
    .select([
      sql<number>`count(distinct s.person_id)`.as('engaged'),
      sql<number>`count(distinct s.person_id) filter (where exists ${attended})`.as('linked'),
    ])
    .executeTakeFirstOrThrow();
  return { engagedPeople: row.engaged, linked: share(row.linked, row.engaged) };
}

/** The referral report for the filter; the filter's ids must have been checked (unknownChoices). */
export async function referralReport(props: { ctx: SignedInCtx; filter: ReferralFilter; options: FilterOptions }): Promise<ReferralReport> {
  const { ctx, filter, options } = props;
  const [counts, linked, names] = await Promise.all([
    countReferrals({ ctx, facts: selectedReferrals(ctx, filter), columns: ['mode', 'agency_key', 'service_id', 'need_domain', 'decline_reason'] }),
    countLinked(ctx, filter),
    agencyNames(ctx),
  ]);
  const { total, groups } = counts;
  const domainLabel = (code: string | null) => options.needDomains.find((domain) => domain.code === code)?.label ?? code ?? '';
  return {
    filter,
    total,
    byMode: (Object.keys(MODE_WORDS) as Mode[]).map((mode) => ({ key: mode, label: MODE_WORDS[mode], counts: groups.mode.get(mode) ?? NO_REFERRALS })),
    byAgency: groupRows(groups.agency_key, names.agency).map((row) => ({ ...row, organisationId: row.key?.startsWith('named:') ? null : row.key })),
    byService: groupRows(groups.service_id, names.service),
    byNeedDomain: groupRows(groups.need_domain, domainLabel),
    declineReasons: declineShares(groups.decline_reason, total),
    linked,
  };
}
