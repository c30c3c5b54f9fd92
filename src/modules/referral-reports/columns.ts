import { shareValues, type ReportTable } from '../reports/report-tables.ts';
import { rates, type CodeShare, type ReferralCounts } from './figures.ts';

/**
 * The kinds of table both referral reports show: referrals by some group with what became of them,
 * the days to the first appointment by some group, and shares of a whole (reasons, results).
 */
type TableAbout<Name extends string> = Pick<ReportTable<Name>, 'name' | 'caption' | 'sheet' | 'labelHeader'>;
/** A row of a table by group: a group's (or all referrals') words and counts. */
type CountsRow = { label: string; counts: ReferralCounts };

const REFERRAL_COLUMNS: ReportTable['columns'] = [
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

function referralValues(counts: ReferralCounts): (number | null)[] {
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

/** Referrals made, and what became of them, for each row (the groups, then all of them). */
export const referralsTable = <Name extends string>(about: TableAbout<Name>, rows: CountsRow[]): ReportTable<Name> => ({
  ...about,
  columns: REFERRAL_COLUMNS,
  rows: rows.map((row) => ({ label: row.label, values: referralValues(row.counts) })),
});

/** Days from referral to first appointment for each row: how many referrals had one, and the quartiles. */
export const daysTable = <Name extends string>(about: TableAbout<Name>, rows: CountsRow[]): ReportTable<Name> => ({
  ...about,
  columns: [
    { header: 'Referrals with an appointment booked', kind: 'count' },
    { header: 'Lower quartile (days)', kind: 'mean' },
    { header: 'Median (days)', kind: 'mean' },
    { header: 'Upper quartile (days)', kind: 'mean' },
  ],
  rows: rows.map(({ label, counts: { days } }) => ({ label, values: [days.referrals, days.lower, days.median, days.upper] })),
});

/** A table of shares of a whole (reasons, results): `count` and `percent` head its two columns. */
export const sharesTable = <Name extends string>(about: TableAbout<Name>, headers: { count: string; percent: string }, rows: CodeShare[]): ReportTable<Name> => ({
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
