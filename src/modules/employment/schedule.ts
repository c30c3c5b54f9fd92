import { addDays } from '../../http/calendar.ts';
/**
 * When in-work checks fall due: `week` weeks after the job start, for each week of the programme's
 * in_work_check_weeks. A check may be recorded from 14 days before it is due; it is "due" from then
 * until its day and "overdue" after. None is due after a check that found they had left, nor for a
 * job start entered in error. The home page's SQL (due-checks.ts) states the same rule for lists.
 */
export const CHECK_WINDOW_DAYS = 14;

export const checkDueOn = (startedOn: string, week: number) => addDays(startedOn, week * 7);

/** The first day a check of `week` may be recorded. */
export const checkOpensOn = (startedOn: string, week: number) => addDays(checkDueOn(startedOn, week), -CHECK_WINDOW_DAYS);

export interface RecordedCheck {
  id: string;
  checkWeek: number;
  checkedOn: string;
  inWork: boolean;
  leftOn: string | null;
  leftReason: string | null;
  enteredInErrorReason: string | null;
}

export type CheckStatus = 'recorded' | 'overdue' | 'due' | 'upcoming' | 'not-due';

export interface ScheduledCheck<C extends RecordedCheck> {
  week: number;
  dueOn: string;
  status: CheckStatus;
  /** The check that counts, when recorded. */
  check: C | null;
  /** Checks of this week entered in error (kept, struck through). */
  inError: C[];
}

export function checkSchedule<C extends RecordedCheck>(props: { startedOn: string; jobInError: boolean; weeks: number[]; checks: C[]; today: string }): ScheduledCheck<C>[] {
  const { startedOn, checks, today } = props;
  const live = checks.filter((c) => c.enteredInErrorReason === null);
  const leftAt = Math.min(...live.filter((c) => !c.inWork).map((c) => c.checkWeek));
  const weeks = [...new Set([...props.weeks, ...checks.map((c) => c.checkWeek)])].sort((a, b) => a - b);
  return weeks.map((week) => {
    const dueOn = checkDueOn(startedOn, week);
    const check = live.find((c) => c.checkWeek === week) ?? null;
    const inError = checks.filter((c) => c.checkWeek === week && c.enteredInErrorReason !== null);
    const status: CheckStatus = check
      ? 'recorded'
      : props.jobInError || week > leftAt || !props.weeks.includes(week)
        ? 'not-due'
        : dueOn < today
          ? 'overdue'
          : checkOpensOn(startedOn, week) <= today
            ? 'due'
            : 'upcoming';
    return { week, dueOn, status, check, inError };
  });
}
