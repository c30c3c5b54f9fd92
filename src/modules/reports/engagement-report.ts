import type { SignedInCtx } from '../../http/context.ts';
import { AGE_BANDS, allBands, MONTHS_OUT_OF_WORK_BANDS, PREVIOUS_SENTENCE_BANDS, SENTENCE_BANDS, VISIT_BANDS, type Banding } from './bands.ts';
import { countBaseline } from './engagement-baseline.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { countEngagement, type GroupCount } from './engagement-queries.ts';
import { readsRollup, rolledUpEngagement } from './engagement-rollup.ts';
import type { Choice, FilterOptions } from './filter-options.ts';
import { share, type BreakdownRow, type Share } from './shares.ts';

export interface EngagementReport {
  filter: EngagementFilter;
  signUps: number;
  people: number;
  engagedSignUps: Share;
  engagedPeople: Share;
  notEngagedSignUps: Share;
  notEngagedPeople: Share;
  gateMet: Share;
  /** Each of the following adds up to its whole: sign-ups, not-engaged sign-ups, or people. */
  preReleaseVisits: BreakdownRow[];
  reasons: BreakdownRow[];
  gender: BreakdownRow[];
  ageBand: BreakdownRow[];
  sentenceLength: BreakdownRow[];
  previousSentences: BreakdownRow[];
  /** Sign-ups with a baseline assessment, and those whose baseline found a need in each domain (a sign-up can have several). */
  assessed: Share;
  baselineNeeds: BreakdownRow[];
  /** Months out of work at the baseline, in bands: adds up to the sign-ups. */
  monthsOutOfWork: BreakdownRow[];
}

export const NOT_RECORDED = 'Not recorded';

/** The engagement report for the filter; the filter's ids must have been checked (unknownChoices). */
export async function engagementReport(props: { ctx: SignedInCtx; filter: EngagementFilter; options: FilterOptions }): Promise<EngagementReport> {
  const { filter, options } = props;
  const { counts, baseline } = readsRollup(filter) ? await rolledUpEngagement(props) : await liveEngagement(props);
  const { totals, groups } = counts;
  const notEngaged = totals.signUps - totals.engagedSignUps;
  return {
    filter,
    signUps: totals.signUps,
    people: totals.people,
    engagedSignUps: share(totals.engagedSignUps, totals.signUps),
    engagedPeople: share(totals.engagedPeople, totals.people),
    notEngagedSignUps: share(notEngaged, totals.signUps),
    notEngagedPeople: share(totals.people - totals.engagedPeople, totals.people),
    gateMet: share(totals.gateMet, totals.signUps),
    preReleaseVisits: byBand(VISIT_BANDS, new Map([['0', totals.visits0], ['1', totals.visits1], ['2-plus', totals.visits2Plus]]), totals.signUps),
    reasons: byChoice(options.reasons, countsOf(groups.reason, 'notEngaged'), notEngaged),
    gender: byChoice(options.genders, countsOf(groups.gender, 'people'), totals.people),
    ageBand: byBand(AGE_BANDS, countsOf(groups.age_band, 'people'), totals.people),
    sentenceLength: byBand(SENTENCE_BANDS, countsOf(groups.sentence_band, 'signUps'), totals.signUps),
    previousSentences: byBand(PREVIOUS_SENTENCE_BANDS, countsOf(groups.previous_band, 'signUps'), totals.signUps),
    assessed: share(baseline.assessed, totals.signUps),
    baselineNeeds: byChoice(options.needDomains, baseline.needs, totals.signUps).filter((row) => row.code !== null),
    monthsOutOfWork: byBand(MONTHS_OUT_OF_WORK_BANDS, baseline.monthsOutOfWork, totals.signUps),
  };
}

/** The figures read from the selected sign-ups themselves: any filter. */
export async function liveEngagement(props: { ctx: SignedInCtx; filter: EngagementFilter }) {
  const [counts, baseline] = await Promise.all([countEngagement(props), countBaseline(props)]);
  return { counts, baseline };
}

const countsOf = (groups: GroupCount[], measure: 'signUps' | 'people' | 'notEngaged') =>
  new Map(groups.map((group) => [group.value, group[measure]]));

/** Every band in order, with zeros, except a band only shown when used. */
function byBand(banding: Banding, counts: Map<string | null, number>, whole: number): BreakdownRow[] {
  return allBands(banding)
    .map((band) => ({ code: band.code, label: band.label, ...share(counts.get(band.code) ?? 0, whole), onlyIfUsed: band.onlyIfUsed }))
    .filter((row) => !row.onlyIfUsed || row.count > 0)
    .map(({ onlyIfUsed: _onlyIfUsed, ...row }) => row);
}

/**
 * Every entry of the programme's list in its order, with zeros; then any code counted that the
 * list does not have (shown as the code itself); then "Not recorded", for those with none.
 */
/** A row per entry of the list (the database refuses codes not in it), one no longer offered only where counted. */
function byChoice(choices: Choice[], counts: Map<string | null, number>, whole: number): BreakdownRow[] {
  return [
    ...choices.filter((choice) => choice.active || (counts.get(choice.code) ?? 0) > 0).map((choice) => ({ code: choice.code, label: choice.label })),
    { code: null, label: NOT_RECORDED },
  ].map((row) => ({ ...row, ...share(counts.get(row.code) ?? 0, whole) }));
}
