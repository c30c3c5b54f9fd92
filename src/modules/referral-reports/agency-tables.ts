import { byName, type ReportTable } from '../reports/report-tables.ts';
import type { AgencyFeedback } from './agency-report.ts';
import { daysTable, declineReasonsTable, referralsTable, sharesTable } from './columns.ts';

/** An agency's feedback report's tables, in page order. */
export const FEEDBACK_TABLES = ['by-month', 'by-service', 'decline-reasons', 'first-appointment', 'results'] as const;
export type FeedbackTableName = (typeof FEEDBACK_TABLES)[number];

export function feedbackTables(report: AgencyFeedback): Record<FeedbackTableName, ReportTable<FeedbackTableName>> {
  const { total } = report;
  const months = [...report.byMonth, { label: 'All months', counts: total }];
  return byName<FeedbackTableName>([
    referralsTable({ name: 'by-month', caption: 'Referrals by month of referral', sheet: 'By month', labelHeader: 'Month of referral' }, months),
    referralsTable({ name: 'by-service', caption: 'Referrals by service', sheet: 'By service', labelHeader: 'Service' }, [...report.byService, { label: 'All services', counts: total }]),
    declineReasonsTable(report),
    daysTable(
      { name: 'first-appointment', caption: 'Days from referral to first appointment, by month of referral', sheet: 'Days to first appointment', labelHeader: 'Month of referral' },
      months,
    ),
    sharesTable(
      { name: 'results', caption: `Results for clients who attended (of ${total.attended.toLocaleString('en-GB')} attended)`, sheet: 'Results', labelHeader: 'Result' },
      { count: 'Referrals', percent: '% of attended' },
      report.results,
    ),
  ]);
}
