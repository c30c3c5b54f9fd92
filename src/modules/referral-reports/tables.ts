import { byName, shareValues, type ReportTable } from '../reports/report-tables.ts';
import { percentOf } from '../reports/shares.ts';
import { DAYS_COLUMNS, daysValues, declineReasonsTable, REFERRAL_COLUMNS, referralValues } from './columns.ts';
import type { GroupRow, ReferralReport } from './report.ts';

/** The referral report's tables, in page order. */
export const REFERRAL_TABLES = ['referrals', 'by-agency', 'by-service', 'by-need-domain', 'decline-reasons', 'first-appointment', 'linked'] as const;
export type ReferralTableName = (typeof REFERRAL_TABLES)[number];

const groupRows = (rows: GroupRow[]) => rows.map((row) => ({ label: row.label, values: referralValues(row.counts) }));

export function referralTables(report: ReferralReport): Record<ReferralTableName, ReportTable<ReferralTableName>> {
  const { total, linked } = report;
  const groupTable = (name: ReferralTableName, caption: string, sheet: string, labelHeader: string, rows: GroupRow[]): ReportTable<ReferralTableName> => ({
    name,
    caption,
    sheet,
    labelHeader,
    columns: REFERRAL_COLUMNS,
    rows: [...groupRows(rows), { label: 'All referrals', values: referralValues(total) }],
  });
  return byName<ReferralTableName>([
    {
      name: 'referrals',
      caption: 'Referrals made in the period',
      sheet: 'Referrals',
      labelHeader: 'How the referral was made',
      columns: REFERRAL_COLUMNS,
      rows: [...groupRows(report.byMode), { label: 'All referrals', values: referralValues(total) }],
    },
    groupTable('by-agency', 'Referrals by agency', 'By agency', 'Agency', report.byAgency),
    groupTable('by-service', 'Referrals by service', 'By service', 'Service (agency)', report.byService),
    groupTable('by-need-domain', 'Referrals by need', 'By need', 'Need', report.byNeedDomain),
    declineReasonsTable(report),
    {
      name: 'first-appointment',
      caption: 'Days from referral to first appointment',
      sheet: 'Days to first appointment',
      labelHeader: 'How the referral was made',
      columns: DAYS_COLUMNS,
      rows: [...report.byMode.map((row) => ({ label: row.label, values: daysValues(row.counts) })), { label: 'All referrals', values: daysValues(total) }],
    },
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
