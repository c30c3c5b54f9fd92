import { fisherExact, newcombeDifference, twoProportionTest, wilsonInterval } from '../../stats/index.ts';
import type { LiberationFollowUp } from './cohort.ts';
import { referenceOf, type Comparison } from './comparisons.ts';

/** A group's liberations followed for the whole window, and how many returned within it. */
export interface GroupRate {
  code: string;
  label: string;
  followed: number;
  returned: number;
  /** Shown only when every group has at least the programme's minimum (null otherwise). */
  rate: number | null;
  ci95: [number, number] | null;
}

/** A group against the reference group: the difference of their rates (this minus the reference). */
export interface RateDifference {
  group: string;
  reference: string;
  difference: number;
  ci95: [number, number];
  /** The two-proportion z test (pooled; the same p as Pearson's chi-square without correction). */
  z: number;
  zPValue: number;
  /** Fisher's exact test, two-sided. */
  fisherPValue: number;
  sentence: string;
}

export interface Rates {
  groups: GroupRate[];
  /** Null when a group is below the minimum: `tooSmall` then says why. */
  differences: RateDifference[] | null;
  tooSmall: string | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const points = (difference: number) => `${Math.abs(difference * 100).toFixed(1)} percentage points`;
/** A p value as people read it: "p about 0.35", "p = 0.012", "p < 0.001". */
export const pInWords = (p: number) => (p < 0.001 ? 'p < 0.001' : p < 0.05 ? `p = ${p.toFixed(3)}` : `p about ${p.toFixed(2)}`);

/**
 * One plain-English sentence on whether a difference could be chance, from the two-sided p value of
 * the two-proportion test (Fisher's exact test is given beside it). Significance is at the 5% level;
 * a significant difference is still not shown to be caused by the programme.
 */
export function differenceInWords(props: { group: GroupRate; reference: GroupRate; zPValue: number }): string {
  const { group, reference, zPValue } = props;
  const direction = group.returned / group.followed < reference.returned / reference.followed ? 'fewer' : 'more';
  const rates = `${group.label}: ${percent(group.returned / group.followed)} returned to custody (${group.returned} of ${group.followed}), against ${percent(reference.returned / reference.followed)} for ${reference.label.toLowerCase()} (${reference.returned} of ${reference.followed})`;
  const gap =
    group.returned * reference.followed === reference.returned * group.followed
      ? 'no difference'
      : `${points(group.returned / group.followed - reference.returned / reference.followed)} ${direction}`;
  if (zPValue >= 0.05) {
    const chance = zPValue >= 0.2 ? 'could easily have arisen by chance' : 'could have arisen by chance';
    return `${rates}: ${gap}. The difference is not statistically significant (${pInWords(zPValue)}) and ${chance}.`;
  }
  return `${rates}: ${gap}. The difference is statistically significant (${pInWords(zPValue)}): it is unlikely to be chance alone, but the groups may differ in other ways, so it does not by itself show the programme made the difference.`;
}

/**
 * Each group's return rate with its Wilson 95% interval, and each group against the reference: the
 * difference with its Newcombe hybrid score 95% interval, the two-proportion test and Fisher's exact
 * test. Below `minGroup` liberations in any group, only the counts are given.
 */
export function compareRates(props: { comparison: Comparison; wholeWindow: readonly LiberationFollowUp[]; minGroup: number }): Rates {
  const { comparison, minGroup } = props;
  const counts = new Map(comparison.groups.map((group) => [group.code, { followed: 0, returned: 0 }]));
  for (const one of props.wholeWindow) {
    const count = counts.get(comparison.groupOf(one.liberation));
    if (!count) continue;
    count.followed += 1;
    if (one.returnedInWindow) count.returned += 1;
  }
  const small = comparison.groups.filter((group) => (counts.get(group.code)?.followed ?? 0) < minGroup);
  const tooSmall =
    small.length === 0
      ? null
      : `Rates, intervals and tests are shown only when every group has at least ${minGroup} liberations followed for the whole window, so that they are not read into noise: ${small
          .map((group) => `“${group.label}” has ${counts.get(group.code)?.followed ?? 0}`)
          .join(', ')}.`;
  const groups = comparison.groups.map((group): GroupRate => {
    const { followed, returned } = counts.get(group.code) ?? { followed: 0, returned: 0 };
    if (tooSmall || followed === 0) return { code: group.code, label: group.label, followed, returned, rate: null, ci95: null };
    const interval = wilsonInterval(returned, followed);
    return { code: group.code, label: group.label, followed, returned, rate: returned / followed, ci95: [interval.lower, interval.upper] };
  });
  if (tooSmall) return { groups, differences: null, tooSmall };
  const reference = groups.find((group) => group.code === referenceOf(comparison).code) as GroupRate;
  const differences = groups
    .filter((group) => group !== reference)
    .map((group): RateDifference => {
      const newcombe = newcombeDifference(group.returned, group.followed, reference.returned, reference.followed);
      const test = twoProportionTest(group.returned, group.followed, reference.returned, reference.followed);
      const fisher = fisherExact([
        [group.returned, group.followed - group.returned],
        [reference.returned, reference.followed - reference.returned],
      ]);
      return {
        group: group.code,
        reference: reference.code,
        difference: newcombe.difference,
        ci95: [newcombe.lower, newcombe.upper],
        z: test.z,
        zPValue: test.pValue,
        fisherPValue: fisher.pValue,
        sentence: differenceInWords({ group, reference, zPValue: test.pValue }),
      };
    });
  return { groups, differences, tooSmall: null };
}
