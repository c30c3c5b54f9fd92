import { byName, shareValues, type ReportTable } from '../reports/report-tables.ts';
import { percentOf } from '../reports/shares.ts';
import { daysTable, declineReasonsTable, referralsTable } from './columns.ts';
import type { ReferralReport } from './report.ts';

/** The referral report's tables, in page order. */
export const REFERRAL_TABLES = ['referrals', 'by-agency', 'by-service', 'by-need-domain', 'decline-reasons', 'first-appointment', 'linked'] as const;
export type ReferralTableName = (typeof REFERRAL_TABLES)[number];

export function referralTables(report: ReferralReport): Record<ReferralTableName, ReportTable<ReferralTableName>> {
  const { linked } = report;
  const all = { label: 'All referrals', counts: report.total };
  return byName<ReferralTableName>([
    referralsTable({ name: 'referrals', caption: 'Referrals made in the period', sheet: 'Referrals', labelHeader: 'How the referral was made' }, [...report.byMode, all]),
    referralsTable({ name: 'by-agency', caption: 'Referrals by agency', sheet: 'By agency', labelHeader: 'Agency' }, [...report.byAgency, all]),
    referralsTable({ name: 'by-service', caption: 'Referrals by service', sheet: 'By service', labelHeader: 'Service (agency)' }, [...report.byService, all]),
    referralsTable({ name: 'by-need-domain', caption: 'Referrals by need', sheet: 'By need', labelHeader: 'Need' }, [...report.byNeedDomain, all]),
    declineReasonsTable(report),
    daysTable(
      { name: 'first-appointment', caption: 'Days from referral to first appointment', sheet: 'Days to first appointment', labelHeader: 'How the referral was made' },
      [...report.byMode, all],
    ),
    {
      name: 'linked',
      caption: 'Engaged clients linked to at least one service',
      sheet: 'Linked to a service',
      labelHeader: 'Clients',
      columns: [
        { header: 'People', kind: 'count' },
        { header: '% of engaged clients', kind: 'percent' },
      ],
      rows: [
        { label: 'Engaged clients', values: [linked.engagedPeople, percentOf(linked.engagedPeople, linked.engagedPeople)] },
        { label: 'Linked to at least one service', values: shareValues(linked.linked) },
      ],
    },
  ]);
}
