import { formatCalendarDate } from '../../http/dates.ts';
import type { FunnelReport } from './funnel-report.ts';

/**
 * How the funnel's figures are counted, in words: shown on the page under "How the figures are
 * counted" and given with the JSON, so the same notes go with every copy of the figures.
 */
export function funnelNotes(report: FunnelReport): string[] {
  const days = `${report.windowDays.toLocaleString('en-GB')} days`;
  const { latestExtract } = report.followUp;
  return [
    'Who is included: sign-ups (custody episodes) whose day of liberation is in the period and that match the other filters. Someone liberated twice in the period is two sign-ups. Sign-ups not yet liberated are not in this report. Records merged into another person’s are not counted.',
    'Each stage counts the sign-ups that reached it, whether or not they reached the stage before: someone can be met at the gate without a pre-release visit, so a stage can be larger than the one before it and its “% of the stage before” over 100.',
    'Pre-release visits are those recorded on the sign-up and not entered in error. Met at the gate: the gate meeting was recorded as met.',
    'Engaged: the sign-up has at least one community contact that happened on or after the day of liberation; a contact only attempted does not count.',
    'Engaged, with a hard outcome: an engaged sign-up with at least one outcome, of any date, of a type the outcome framework marks as hard, that counts: not entered in error, not rejected, and, where its type must be verified, verified. The outcomes report counts them the same way.',
    `Time origin and window: time is counted from the day of liberation. A sign-up returned within the window when the first admission to custody after that liberation (from the prison service’s extracts) is on or before day ${report.windowDays.toLocaleString('en-GB')} after it. When a person is liberated and returns more than once, each admission belongs to the latest liberation before it.`,
    `Why the last stage has a different whole: the extracts follow each person up to the date they were taken (“as at”). A sign-up counts in the last stage only when an extract that includes its person was taken at least ${days} after liberation, so that a return anywhere in the window would be known. Those in no extract since liberation, and those whose window had not ended by the latest extract that includes them, are left out rather than counted as not returned (the follow-up table gives how many). Its percentage is therefore of the sign-ups followed for the whole window, not of all sign-ups, and it has no percentage of the stage before.${latestExtract ? ` The latest extract for these sign-ups is dated ${formatCalendarDate(latestExtract)}.` : ' None of these sign-ups’ people is in any extract yet.'}`,
    'No intervals or tests are given here: these are counts of one cohort. The return-to-custody report compares groups with 95% intervals and tests.',
    'Time from sign-up to liberation is the number of days from the sign-up date to the day of liberation: under 4 weeks is under 28 days, 4 to 6 weeks is 28 to 42 days (both included), over 6 weeks is over 42 days.',
  ];
}
