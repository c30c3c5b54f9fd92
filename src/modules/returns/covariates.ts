import type { LiberationFollowUp } from './cohort.ts';
import { referenceOf, type Comparison } from './comparisons.ts';

/**
 * Who the groups are, as the adjusted comparisons take it into account: age at liberation (years),
 * gender (an indicator for each recorded gender with at least MIN_GENDER liberations, against the
 * most common), previous sentences and sentence length (months). A liberation without an age or
 * with a gender too rare to estimate is left out of the adjusted comparisons, and counted.
 */
export const MIN_GENDER = 10;

export interface Covariate {
  name: string;
  /** Compared as a proportion (an indicator) or as a mean. */
  binary: boolean;
  valueOf: (one: LiberationFollowUp) => number;
}

export interface Design {
  /** The comparison's indicators (each group against the reference), then the characteristics. */
  groupTerms: Covariate[];
  characteristics: Covariate[];
  rows: LiberationFollowUp[];
  leftOut: number;
  referenceGender: string | null;
}

export function designOf(props: { comparison: Comparison; cohort: readonly LiberationFollowUp[]; genderLabel: (code: string) => string }): Design {
  const { comparison, cohort, genderLabel } = props;
  const genderCounts = new Map<string, number>();
  for (const one of cohort) {
    const gender = one.liberation.gender;
    if (gender !== null && one.liberation.ageAtLiberation !== null) genderCounts.set(gender, (genderCounts.get(gender) ?? 0) + 1);
  }
  const kept = [...genderCounts].filter(([, count]) => count >= MIN_GENDER).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const referenceGender = kept[0]?.[0] ?? null;
  const keptCodes = new Set(kept.map(([code]) => code));
  const rows = cohort.filter((one) => one.liberation.ageAtLiberation !== null && one.liberation.gender !== null && keptCodes.has(one.liberation.gender));
  const reference = referenceOf(comparison);
  const groupTerms = comparison.groups
    .filter((group) => group.code !== reference.code)
    .map((group): Covariate => ({ name: group.label, binary: true, valueOf: (one) => (comparison.groupOf(one.liberation) === group.code ? 1 : 0) }));
  const characteristics: Covariate[] = [
    { name: 'Age at liberation (years)', binary: false, valueOf: (one) => one.liberation.ageAtLiberation ?? 0 },
    ...kept
      .slice(1)
      .map(([code]): Covariate => ({ name: `Gender: ${genderLabel(code)}`, binary: true, valueOf: (one) => (one.liberation.gender === code ? 1 : 0) })),
    { name: 'Previous sentences', binary: false, valueOf: (one) => one.liberation.previousSentences },
    { name: 'Sentence length (months)', binary: false, valueOf: (one) => one.liberation.sentenceMonths },
  ];
  return { groupTerms, characteristics, rows, leftOut: cohort.length - rows.length, referenceGender };
}

export const valuesOf = (covariates: readonly Covariate[], one: LiberationFollowUp) => covariates.map((covariate) => covariate.valueOf(one));
