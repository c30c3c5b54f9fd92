import { byName, type ReportTable } from '../reports/report-tables.ts';
import type { AgencyFeedback } from './agency-report.ts';
import { DAYS_COLUMNS, daysValues, declineReasonsTable, REFERRAL_COLUMNS, referralValues, sharesTable } from './columns.ts';

/** An agency's feedback report's tables, in page order. */
export const FEEDBACK_TABLES = ['by-month', 'first-appointment', 'by-service', 'decline-reasons', 'results'] as const;
export type FeedbackTableName = (typeof FEEDBACK_TABLES)[number];

export function feedbackTables(report: AgencyFeedback): Record<FeedbackTableName, ReportTable<FeedbackTableName>> {
  const { total } = report;
  const all = (values: (number | null)[]) => ({ label: 'All months', values });
  return byName<FeedbackTableName>([
    {
      name: 'by-month',
      caption: 'Referrals by month of referral',
      sheet: 'By month',
      labelHeader: 'Month of referral',
      columns: REFERRAL_COLUMNS,
      rows: [...report.byMonth.map((row) => ({ label: row.label, values: referralValues(row.counts) })), all(referralValues(total))],
    },
    {
      name: 'first-appointment',
      caption: 'Days from referral to first appointment, by month of referral',
      sheet: 'Days to first appointment',
      labelHeader: 'Month of referral',
      columns: DAYS_COLUMNS,
      rows: [...report.byMonth.map((row) => ({ label: row.label, values: daysValues(row.counts) })), all(daysValues(total))],
    },
    {
      name: 'by-service',
      caption: 'Referrals by service',
      sheet: 'By service',
      labelHeader: 'Service',
      columns: REFERRAL_COLUMNS,
      rows: [...report.byService.map((row) => ({ label: row.label, values: referralValues(row.counts) })), { label: 'All services', values: referralValues(total) }],
    },
    declineReasonsTable(report),
    sharesTable(
      { name: 'results', caption: `Results for clients who attended (of ${total.attended.toLocaleString('en-GB')} attended)`, sheet: 'Results', labelHeader: 'Result' },
      { count: 'Referrals', percent: '% of attended' },
      report.results,
    ),
  ]);
}
