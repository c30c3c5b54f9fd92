import { shareValues, type ReportTable } from '../reports/report-tables.ts';
import { rates, type CodeShare, type ReferralCounts } from './figures.ts';

/** What both reports' tables share: the columns of every "referrals by ..." table and a group's values in them, and the tables of shares. */
export const REFERRAL_COLUMNS: ReportTable['columns'] = [
  { header: 'Made', kind: 'count' },
  { header: 'Accepted', kind: 'count' },
  { header: 'Declined', kind: 'count' },
  { header: 'Still waiting for an answer', kind: 'count' },
  { header: 'Withdrawn', kind: 'count' },
  { header: 'Appointment booked', kind: 'count' },
  { header: 'Attended', kind: 'count' },
  { header: 'Did not attend', kind: 'count' },
  { header: '% accepted of answered', kind: 'percent' },
  { header: '% attended of booked', kind: 'percent' },
  { header: '% of attended with the coach', kind: 'percent' },
];

export function referralValues(counts: ReferralCounts): (number | null)[] {
  const rate = rates(counts);
  return [
    counts.made,
    counts.accepted,
    counts.declined,
    counts.waiting,
    counts.withdrawn,
    counts.booked,
    counts.attended,
    counts.didNotAttend,
    rate.acceptedOfAnswered,
    rate.attendedOfBooked,
    rate.accompaniedOfAttended,
  ];
}

/** Days from referral to first appointment: how many referrals had one, and the quartiles. */
export const DAYS_COLUMNS: ReportTable['columns'] = [
  { header: 'Referrals with an appointment booked', kind: 'count' },
  { header: 'Lower quartile (days)', kind: 'mean' },
  { header: 'Median (days)', kind: 'mean' },
  { header: 'Upper quartile (days)', kind: 'mean' },
];

export const daysValues = (counts: ReferralCounts) => [counts.days.referrals, counts.days.lower, counts.days.median, counts.days.upper];

/** A table of shares of a whole (reasons, results): `count` and `percent` head its two columns. */
export const sharesTable = <Name extends string>(
  about: Pick<ReportTable<Name>, 'name' | 'caption' | 'sheet' | 'labelHeader'>,
  headers: { count: string; percent: string },
  rows: CodeShare[],
): ReportTable<Name> => ({
  ...about,
  columns: [
    { header: headers.count, kind: 'count' },
    { header: headers.percent, kind: 'percent' },
  ],
  rows: rows.map((row) => ({ label: row.label, values: shareValues(row) })),
});

/** Why referrals were declined, as a share of the declined: the same table in both reports. */
export const declineReasonsTable = (report: { total: ReferralCounts; declineReasons: CodeShare[] }) =>
  sharesTable(
    {
      name: 'decline-reasons',
      caption: `Why referrals were declined (of ${report.total.declined.toLocaleString('en-GB')} declined)`,
      sheet: 'Declined, by reason',
      labelHeader: 'Reason',
    },
    { count: 'Declined', percent: '% of declined' },
    report.declineReasons,
  );
