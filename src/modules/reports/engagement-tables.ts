import type { EngagementReport } from './engagement-report.ts';
import { byName, PEOPLE, shareValues, SIGN_UPS, type ReportTable } from './report-tables.ts';
import { percentOf, type BreakdownRow } from './shares.ts';

/** The engagement report's tables, in page order. */
export const ENGAGEMENT_TABLES = [
  'engagement',
  'pre-release',
  'reasons',
  'gender',
  'age',
  'sentence-length',
  'previous-sentences',
  'baseline-needs',
  'months-out-of-work',
] as const;
export type EngagementTableName = (typeof ENGAGEMENT_TABLES)[number];

const breakdownRows = (rows: BreakdownRow[]) => rows.map((row) => ({ label: row.label, values: shareValues(row) }));
const whole = (count: number) => shareValues({ count, percent: percentOf(count, count) });

/** Every table of the report, by name; ENGAGEMENT_TABLES gives their order on the page. */
export function engagementTables(report: EngagementReport): Record<EngagementTableName, ReportTable<EngagementTableName>> {
  return byName<EngagementTableName>([
    {
      name: 'engagement',
      caption: 'Sign-ups and engagement',
      sheet: 'Engagement',
      labelHeader: 'Engagement',
      columns: [...SIGN_UPS, ...PEOPLE],
      rows: [
        { label: 'All', values: [...whole(report.signUps), ...whole(report.people)] },
        { label: 'Engaged after release', values: [...shareValues(report.engagedSignUps), ...shareValues(report.engagedPeople)] },
        { label: 'Not engaged', values: [...shareValues(report.notEngagedSignUps), ...shareValues(report.notEngagedPeople)] },
      ],
    },
    {
      name: 'pre-release',
      caption: 'Pre-release visits and gate meetings',
      sheet: 'Pre-release and gate',
      labelHeader: 'Before release and at the gate',
      columns: [...SIGN_UPS],
      rows: [...breakdownRows(report.preReleaseVisits), { label: 'Gate meeting met', values: shareValues(report.gateMet) }],
    },
    {
      name: 'reasons',
      caption: 'Reasons for not engaging',
      sheet: 'Reasons for not engaging',
      labelHeader: 'Reason',
      columns: [
        { header: 'Sign-ups not engaged', kind: 'count' },
        { header: '% of sign-ups not engaged', kind: 'percent' },
      ],
      rows: breakdownRows(report.reasons),
    },
    { name: 'gender', caption: 'Gender', sheet: 'Gender', labelHeader: 'Gender', columns: [...PEOPLE], rows: breakdownRows(report.gender) },
    {
      name: 'age',
      caption: 'Age at sign-up (each person’s first sign-up in the selection)',
      sheet: 'Age at sign-up',
      labelHeader: 'Age',
      columns: [...PEOPLE],
      rows: breakdownRows(report.ageBand),
    },
    {
      name: 'sentence-length',
      caption: 'Sentence length',
      sheet: 'Sentence length',
      labelHeader: 'Sentence length',
      columns: [...SIGN_UPS],
      rows: breakdownRows(report.sentenceLength),
    },
    {
      name: 'previous-sentences',
      caption: 'Previous sentences',
      sheet: 'Previous sentences',
      labelHeader: 'Previous sentences',
      columns: [...SIGN_UPS],
      rows: breakdownRows(report.previousSentences),
    },
    {
      name: 'baseline-needs',
      caption: 'Needs found at the baseline assessment (a sign-up can have several)',
      sheet: 'Needs at baseline',
      labelHeader: 'Need',
      columns: [...SIGN_UPS],
      rows: [{ label: 'Sign-ups with a baseline assessment', values: shareValues(report.assessed) }, ...breakdownRows(report.baselineNeeds)],
    },
    {
      name: 'months-out-of-work',
      caption: 'Months out of work at the baseline assessment',
      sheet: 'Months out of work',
      labelHeader: 'Out of work for',
      columns: [...SIGN_UPS],
      rows: breakdownRows(report.monthsOutOfWork),
    },
  ]);
}

