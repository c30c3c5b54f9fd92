import type { SignedInCtx } from '../../http/context.ts';
import type { Choice } from '../reports/filter-options.ts';
import { percentOf } from '../reports/shares.ts';
import { countOutcomes, countPeople, countReferrals, countSupport, type OutcomeCounts, type PeopleCounts, type ReferralCounts, type Scope, type SupportCounts } from './figures.ts';
import type { FamilyFilter } from './filter.ts';
import type { FamilyReportOptions } from './options.ts';
import { periodLabel, yearsUpTo, type Period } from './period.ts';

/** One period's figures: referrals and engagement, people supported, support by type and outcomes. */
export interface PeriodFigures {
  period: Period & { label: string };
  referrals: ReferralCounts & { engagedPercent: number | null };
  bySource: { code: string; label: string; made: number; engaged: number; engagedPercent: number | null }[];
  people: PeopleCounts;
  support: SupportCounts & { byType: (SupportCounts & { code: string; label: string })[] };
  outcomes: OutcomeCounts & { byType: (OutcomeCounts & { code: string; label: string })[] };
}

export interface FamilySupportReport {
  filter: FamilyFilter;
  /** The chosen period's figures. */
  figures: PeriodFigures;
  /** The same figures for the same dates in the years before, and the period's own, the earliest first. */
  years: PeriodFigures[];
}

const NO_REFERRALS: ReferralCounts = { made: 0, engaged: 0, families: 0, familiesEngaged: 0 };

/** A list's entries in its order: those in use, and any other some record of the period has. */
const shown = (list: Choice[], counted: Map<string | null, unknown>) => list.filter((choice) => choice.active || counted.has(choice.code));

async function periodFigures(scope: Scope, options: FamilyReportOptions): Promise<PeriodFigures> {
  const [referrals, people, support, outcomes] = await Promise.all([countReferrals(scope), countPeople(scope), countSupport(scope), countOutcomes(scope)]);
  const total = referrals.get(null) ?? NO_REFERRALS;
  return {
    period: { ...scope.period, label: periodLabel(scope.period) },
    referrals: { ...total, engagedPercent: percentOf(total.engaged, total.made) },
    bySource: shown(options.sources, referrals).map(({ code, label }) => {
      const { made, engaged } = referrals.get(code) ?? NO_REFERRALS;
      return { code, label, made, engaged, engagedPercent: percentOf(engaged, made) };
    }),
    people,
    support: {
      ...(support.get(null) ?? { contacts: 0, families: 0 }),
      byType: shown(options.supportTypes, support).map(({ code, label }) => ({ code, label, ...(support.get(code) ?? { contacts: 0, families: 0 }) })),
    },
    outcomes: {
      ...(outcomes.get(null) ?? { count: 0, families: 0 }),
      byType: options.outcomeTypes.flatMap(({ code, label }) => {
        const counts = outcomes.get(code);
        return counts ? [{ code, label, ...counts }] : [];
      }),
    },
  };
}

/** The report for the filter (its choices checked against the options): the period's figures and the years before. */
export async function familySupportReport(props: { ctx: SignedInCtx; filter: FamilyFilter; options: FamilyReportOptions }): Promise<FamilySupportReport> {
  const { ctx, filter, options } = props;
  const years = await Promise.all(yearsUpTo(filter).map((period) => periodFigures({ ctx, filter, period }, options)));
  return { filter, figures: years[years.length - 1] as PeriodFigures, years };
}
