import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '../../db/schema/impact.ts';
import { CATEGORY_LABELS } from '../outcomes/framework-schemas.ts';
import { countDistance, type DistanceCounts } from './distance-queries.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import type { FilterOptions } from './filter-options.ts';
import { countEmployment, countHardOutcomes, countOutcomesByType, type EmploymentCounts, type TypeCount } from './outcomes-queries.ts';
import { share, type Share } from './shares.ts';

export interface OutcomeTypeOption {
  code: string;
  label: string;
  active: boolean;
  category: OutcomeCategory;
  hard: boolean;
  mustVerify: boolean;
}

export interface OutcomesReport {
  filter: EngagementFilter;
  /** Engaged sign-ups (and people) of the period with a hard outcome: 'any', then each category with a hard type. */
  hard: { engagedSignUps: number; engagedPeople: number; rows: { code: string; label: string; signUps: Share; people: Share }[] };
  /** Outcomes dated in the period, by type, then all. */
  byType: { code: string; label: string; mustVerify: boolean; outcomes: number; people: number; awaitingVerification: number }[];
  employment: EmploymentCounts;
  distance: Omit<DistanceCounts, 'areas'> & { threshold: number; areas: (DistanceCounts['areas'][number] & { label: string; improvedShare: Share })[] };
}

async function programmeRules(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('programme')
    .select(['in_work_check_weeks as weeks', 'distance_improvement as threshold'])
    .where('id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
}

/** The programme's outcome types with what they count as, in the list's order. */
export function loadOutcomeTypes(ctx: SignedInCtx): Promise<OutcomeTypeOption[]> {
  return ctx.db
    .selectFrom('choice as c')
    .innerJoin('outcome_type_rule as r', (join) => join.onRef('r.programme_id', '=', 'c.programme_id').onRef('r.code', '=', 'c.code'))
    .select(['c.code', 'c.label', 'c.active', 'r.category', 'r.hard', 'r.must_verify as mustVerify'])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.list', '=', 'outcome_type')
    .orderBy('c.sort_order')
    .orderBy('c.label')
    .execute();
}

function areaLabels(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('choice')
    .select(['code', 'label', 'active'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', 'distance_area')
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
}

/** The outcomes report for the filter; the filter's ids must have been checked (unknownChoices). */
export async function outcomesReport(props: { ctx: SignedInCtx; filter: EngagementFilter; options: FilterOptions }): Promise<OutcomesReport> {
  const { ctx, filter } = props;
  const [rules, types, areas] = await Promise.all([programmeRules(ctx), loadOutcomeTypes(ctx), areaLabels(ctx)]);
  const [hard, byType, employment, distance] = await Promise.all([
    countHardOutcomes({ ctx, filter }),
    countOutcomesByType({ ctx, filter }),
    countEmployment({ ctx, filter, weeks: rules.weeks, today: today(ctx.actor.timeZone) }),
    countDistance({ ctx, filter, threshold: rules.threshold }),
  ]);
  const hardCategories = OUTCOME_CATEGORIES.filter((category) => types.some((type) => type.hard && type.category === category));
  const hardRow = (code: string, label: string) => {
    const counts = hard.byCategory.get(code) ?? { signUps: 0, people: 0 };
    return { code, label, signUps: share(counts.signUps, hard.engagedSignUps), people: share(counts.people, hard.engagedPeople) };
  };
  const none: TypeCount = { outcomes: 0, people: 0, awaitingVerification: 0 };
  const areaRows = areas.flatMap((area) => {
    const counts = distance.areas.find((row) => row.area === area.code);
    if (!counts && !area.active) return [];
    const row = counts ?? { area: area.code, people: 0, meanFirst: null, meanLatest: null, improved: 0 };
    return [{ ...row, label: area.label, improvedShare: share(row.improved, row.people) }];
  });
  return {
    filter,
    hard: {
      engagedSignUps: hard.engagedSignUps,
      engagedPeople: hard.engagedPeople,
      rows: [hardRow('any', 'Any hard outcome'), ...hardCategories.map((category) => hardRow(category, CATEGORY_LABELS[category]))],
    },
    byType: [
      ...types
        .filter((type) => type.active || byType.has(type.code))
        .map((type) => ({ code: type.code, label: type.label, mustVerify: type.mustVerify, ...(byType.get(type.code) ?? none) })),
      { code: 'all', label: 'All outcomes', mustVerify: false, ...(byType.get('all') ?? none) },
    ],
    employment,
    distance: { ...distance, threshold: rules.threshold, areas: areaRows },
  };
}
