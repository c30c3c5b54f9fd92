import type { FunnelReport } from './funnel-report.ts';
import { byName, shareValues, type ReportTable } from './report-tables.ts';
import { share } from './shares.ts';

/** The funnel report's tables, in page order. */
export const FUNNEL_TABLES = ['funnel', 'follow-up', 'time-to-liberation'] as const;
export type FunnelTableName = (typeof FUNNEL_TABLES)[number];

export function funnelTables(report: FunnelReport): Record<FunnelTableName, ReportTable<FunnelTableName>> {
  const { followUp } = report;
  const days = report.windowDays.toLocaleString('en-GB');
  return byName<FunnelTableName>([
    {
      name: 'funnel',
      caption: 'The engagement funnel',
      sheet: 'Funnel',
      labelHeader: 'Stage',
      columns: [
        { header: 'Sign-ups', kind: 'count' },
        { header: '% of the stage before', kind: 'percent' },
        { header: '% of sign-ups', kind: 'percent' },
      ],
      rows: report.stages.map((stage) => ({ label: stage.label, values: [stage.count, stage.ofPrevious, stage.ofWhole] })),
    },
    {
      name: 'follow-up',
      caption: `Follow-up for a return to custody within ${days} days of liberation`,
      sheet: 'Follow-up',
      labelHeader: 'Follow-up',
      columns: [
        { header: 'Sign-ups', kind: 'count' },
        { header: '% of sign-ups', kind: 'percent' },
      ],
      rows: [
        { label: 'Liberated in the period', values: shareValues(share(report.signUps, report.signUps)) },
        { label: 'Followed for the whole window', values: shareValues(share(followUp.followedWholeWindow, report.signUps)) },
        { label: 'Left out: the window had not ended by the latest extract', values: shareValues(followUp.windowIncomplete) },
        { label: 'Left out: in no extract since liberation', values: shareValues(followUp.notFollowed) },
      ],
    },
    {
      name: 'time-to-liberation',
      caption: 'Engagement by time from sign-up to liberation',
      sheet: 'Time to liberation',
      labelHeader: 'Signed up before liberation',
      columns: [
        { header: 'Sign-ups', kind: 'count' },
        { header: 'Engaged', kind: 'count' },
        { header: '% engaged', kind: 'percent' },
        { header: 'Met at the gate', kind: 'count' },
        { header: '% met at the gate', kind: 'percent' },
      ],
      rows: report.byTimeToLiberation.map((band) => ({ label: band.label, values: [band.signUps, ...shareValues(band.engaged), ...shareValues(band.gateMet)] })),
    },
  ]);
}
