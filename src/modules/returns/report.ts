import type { SignedInCtx } from '../../http/context.ts';
import type { FilterWith } from '../reports/engagement-filters.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { coxModel, matchedComparison, type CoxResult, type MatchedResult, type Refusal } from './adjusted.ts';
import { cohortOf, type Exclusion } from './cohort.ts';
import { COMPARISONS, type Comparison } from './comparisons.ts';
import type { returnFields } from './fields.ts';
import { followedLiberations } from './follow-up.ts';
import { compareRates, type Rates } from './rates.ts';
import { timeToReturn, type TimeToReturn } from './survival.ts';

export type ReturnFilter = FilterWith<typeof returnFields>;

export interface ReturnReport {
  filter: ReturnFilter;
  windowDays: number;
  comparison: Comparison;
  minGroup: number;
  minAdjusted: number;
  /** Liberations selected by the period and filters, and those left out of the rates and why. */
  liberations: number;
  excluded: Record<Exclusion, number>;
  followed: number;
  wholeWindow: number;
  latestExtract: string | null;
  rates: Rates;
  time: TimeToReturn;
  cox: CoxResult | Refusal;
  matched: MatchedResult | Refusal;
}

async function programmeSettings(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('programme')
    .select(['return_window_days as windowDays', 'return_min_group as minGroup', 'return_min_adjusted_group as minAdjusted'])
    .where('id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
}

/**
 * The return-to-custody analysis for the filter (the period is of liberation dates): the rates of
 * the comparison's groups over liberations followed for the whole window, time to return over every
 * followed liberation, and the comparisons adjusted for who the groups are. The filter's ids must
 * have been checked (unknownChoices).
 */
export async function returnReport(props: { ctx: SignedInCtx; filter: ReturnFilter; options: FilterOptions }): Promise<ReturnReport> {
  const { ctx, filter, options } = props;
  const [settings, { liberations, latestExtract }] = await Promise.all([programmeSettings(ctx), followedLiberations({ ctx, filter })]);
  const windowDays = filter.windowDays ?? settings.windowDays;
  const comparison = COMPARISONS[filter.comparison ?? 'engaged'];
  const cohort = cohortOf(liberations, windowDays);
  const genderLabel = (code: string) => options.genders.find((gender) => gender.code === code)?.label ?? code;
  return {
    filter,
    windowDays,
    comparison,
    minGroup: settings.minGroup,
    minAdjusted: settings.minAdjusted,
    liberations: liberations.length,
    excluded: cohort.excluded,
    followed: cohort.followed.length,
    wholeWindow: cohort.wholeWindow.length,
    latestExtract,
    rates: compareRates({ comparison, wholeWindow: cohort.wholeWindow, minGroup: settings.minGroup }),
    time: timeToReturn({ comparison, followed: cohort.followed, windowDays }),
    cox: coxModel({ comparison, followed: cohort.followed, minimum: settings.minAdjusted, genderLabel }),
    matched: matchedComparison({ comparison, wholeWindow: cohort.wholeWindow, minimum: settings.minAdjusted, genderLabel }),
  };
}
