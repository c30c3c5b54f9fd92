import { addDays } from '../../http/calendar.ts';

/**
 * When a worker's next supervision is due, the one definition every page, list and API uses: the
 * next date set at their last session (not entered in error), or else that session's date plus the
 * programme's interval; never supervised, the date their account was created plus the interval.
 * Its SQL twin (a session held on time): src/modules/team-comparison/supervision-figures.ts countSupervision.
 */
export function supervisionDueOn(props: { lastHeldOn: string | null; lastNextOn: string | null; accountCreatedOn: string; intervalWeeks: number }): string {
  const interval = props.intervalWeeks * 7;
  if (props.lastHeldOn === null) return addDays(props.accountCreatedOn, interval);
  return props.lastNextOn ?? addDays(props.lastHeldOn, interval);
}

export const SUPERVISION_STATUSES = ['overdue', 'never', 'due-soon', 'up-to-date'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

/** How each status reads on a page, in a download and in the API's `statusText`. */
export const STATUS_TEXT: Record<SupervisionStatus, string> = {
  overdue: 'Overdue',
  never: 'Never supervised',
  'due-soon': 'Due within a week',
  'up-to-date': 'Up to date',
};

/** A week: "due within a week" is due from today to seven days ahead. */
const DUE_SOON_DAYS = 7;

/**
 * Where a worker stands on `today` (the programme's today): overdue when today is after the due
 * date (never supervised or not); otherwise never supervised, due within a week, or up to date.
 */
export function supervisionStatus(props: { dueOn: string; lastHeldOn: string | null; today: string }): SupervisionStatus {
  if (props.today > props.dueOn) return 'overdue';
  if (props.lastHeldOn === null) return 'never';
  return props.dueOn <= addDays(props.today, DUE_SOON_DAYS) ? 'due-soon' : 'up-to-date';
}
