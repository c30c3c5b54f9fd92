import { kaplanMeier, logRank, NotEstimableError, survivalAt, type KaplanMeierRow } from '../../stats/index.ts';
import type { LiberationFollowUp } from './cohort.ts';
import type { Comparison } from './comparisons.ts';

/** The weeks after liberation at which the share not returned is tabled (those within the window). */
export const MILESTONE_WEEKS = [13, 26, 39, 52] as const;

export interface Milestone {
  week: number;
  /** Still followed and not returned just before the day. */
  atRisk: number;
  /** The share not returned by the end of that week's last day (Kaplan–Meier), with its 95% interval; null beyond the longest follow-up. */
  notReturned: number | null;
  ci95: [number, number] | null;
}

export interface GroupSurvival {
  code: string;
  label: string;
  followed: number;
  returned: number;
  /** The curve: one row per day on which someone returned. */
  curve: KaplanMeierRow[];
  /** The longest follow-up in the group, in days (the curve is known up to it; null: no one followed). */
  lastDay: number | null;
  milestones: Milestone[];
  /** Days to the first day on which half had returned (null: fewer than half returned in the window). */
  medianDays: number | null;
}

export interface TimeToReturn {
  groups: GroupSurvival[];
  /** The log-rank test across the groups, or why there is none. */
  logRank: { chiSquare: number; df: number; pValue: number } | null;
  noLogRank: string | null;
}

/** The log-rank test, or why it cannot be made (a group with no one followed; no returns to compare). */
function testCurves(observations: { time: number; event: boolean; group: string }[], groups: readonly GroupSurvival[]) {
  if (groups.some((group) => group.followed === 0)) return { logRank: null, noLogRank: 'No log-rank test: a group has no one followed.' };
  try {
    const test = logRank(observations);
    return { logRank: { chiSquare: test.chiSquare, df: test.df, pValue: test.pValue }, noLogRank: null };
  } catch (error) {
    if (error instanceof NotEstimableError) return { logRank: null, noLogRank: 'No log-rank test: there are no returns to compare.' };
    throw error;
  }
}

/**
 * Time to return per group: Kaplan–Meier estimates of the share not yet returned, days from
 * liberation, censored at the end of the window or the extract's date; Greenwood standard errors;
 * 95% intervals by the log(−log) method; and the log-rank test.
 */
export function timeToReturn(props: { comparison: Comparison; followed: readonly LiberationFollowUp[]; windowDays: number }): TimeToReturn {
  const { comparison, windowDays } = props;
  const weeks = MILESTONE_WEEKS.filter((week) => week * 7 <= windowDays);
  const observations = props.followed.map((one) => ({ time: one.days, event: one.event, group: comparison.groupOf(one.liberation) }));
  // each group's observations, in one pass
  const byGroup = new Map(comparison.groups.map((group) => [group.code, [] as typeof observations]));
  for (const one of observations) byGroup.get(one.group)?.push(one);
  const count = (rows: typeof observations, keep: (one: (typeof observations)[number]) => boolean) => rows.reduce((n, one) => (keep(one) ? n + 1 : n), 0);
  const groups = comparison.groups.map((group): GroupSurvival => {
    const mine = byGroup.get(group.code) ?? [];
    const curve = kaplanMeier(mine);
    return {
      code: group.code,
      label: group.label,
      followed: mine.length,
      returned: count(mine, (one) => one.event),
      curve: curve.rows,
      lastDay: curve.lastTime,
      milestones: weeks.map((week) => {
        const day = week * 7;
        const at = survivalAt(curve, day);
        return {
          week,
          atRisk: count(mine, (one) => one.time >= day),
          notReturned: at?.survival ?? null,
          ci95: at?.lower == null || at.upper === null ? null : [at.lower, at.upper],
        };
      }),
      medianDays: curve.median,
    };
  });
  return { groups, ...testCurves(observations, groups) };
}
