import type { FollowedLiberation } from './follow-up.ts';

/**
 * The comparisons the analysis makes: each sorts liberations into groups, the last group being the
 * reference the others are compared with (so a difference is "this group minus the reference").
 */
export interface Group {
  code: string;
  label: string;
  /** Who is in it, in words, for the method notes. */
  who: string;
}

export interface Comparison {
  code: ComparisonCode;
  label: string;
  /** The characteristic in the adjusted model ("engaged in the community"). */
  covariate: string;
  groups: readonly Group[];
  groupOf: (liberation: FollowedLiberation) => string;
}

export const COMPARISON_CODES = ['engaged', 'visits', 'gate'] as const;
export type ComparisonCode = (typeof COMPARISON_CODES)[number];

export const COMPARISONS: Record<ComparisonCode, Comparison> = {
  engaged: {
    code: 'engaged',
    label: 'Engaged in the community or not',
    covariate: 'Engaged in the community',
    groups: [
      { code: 'engaged', label: 'Engaged', who: 'a community contact happened on or after the day of liberation' },
      { code: 'not-engaged', label: 'Did not engage', who: 'no community contact happened after liberation' },
    ],
    groupOf: (liberation) => (liberation.engaged ? 'engaged' : 'not-engaged'),
  },
  visits: {
    code: 'visits',
    label: 'Pre-release visits: none, 1, or 2 or more',
    covariate: 'Pre-release visits',
    groups: [
      { code: 'two-plus', label: '2 or more visits', who: 'visited in prison twice or more before liberation' },
      { code: 'one', label: '1 visit', who: 'visited in prison once before liberation' },
      { code: 'none', label: 'No visits', who: 'not visited in prison before liberation' },
    ],
    groupOf: (liberation) => (liberation.visits >= 2 ? 'two-plus' : liberation.visits === 1 ? 'one' : 'none'),
  },
  gate: {
    code: 'gate',
    label: 'Met at the gate or not',
    covariate: 'Met at the gate',
    groups: [
      { code: 'met', label: 'Met at the gate', who: 'met at the prison gate on the day of liberation' },
      { code: 'not-met', label: 'Not met at the gate', who: 'not met at the gate (declined, missed or not planned)' },
    ],
    groupOf: (liberation) => (liberation.gateMet ? 'met' : 'not-met'),
  },
};

export const referenceOf = (comparison: Comparison) => comparison.groups[comparison.groups.length - 1] as Group;
