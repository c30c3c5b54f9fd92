import { fixedDecimal, type SheetCell } from '../../http/sheet-cells.ts';
import { percentOf, type BreakdownRow, type EngagementReport, type Share } from './engagement-report.ts';

/**
 * The report as the tables people read and download: the page and the CSV and XLSX downloads are
 * drawn from the same table, so a downloaded number is always the number on the page.
 */
export const ENGAGEMENT_TABLES = ['engagement', 'pre-release', 'reasons', 'gender', 'age', 'sentence-length', 'previous-sentences'] as const;
export type EngagementTableName = (typeof ENGAGEMENT_TABLES)[number];

type ValueKind = 'count' | 'percent';

export interface ReportTable {
  name: EngagementTableName;
  caption: string;
  /** The table's short name, for a sheet of a workbook (Excel allows 31 characters). */
  sheet: string;
  /** The header of the first column (the rows' labels), then one header per value column. */
  labelHeader: string;
  columns: { header: string; kind: ValueKind }[];
  rows: { label: string; values: (number | null)[] }[];
}

const SIGN_UPS = [
  { header: 'Sign-ups', kind: 'count' },
  { header: '% of sign-ups', kind: 'percent' },
] as const;
const PEOPLE = [
  { header: 'People', kind: 'count' },
  { header: '% of people', kind: 'percent' },
] as const;

const shareValues = (share: Share) => [share.count, share.percent];
const breakdownRows = (rows: BreakdownRow[]) => rows.map((row) => ({ label: row.label, values: shareValues(row) }));
const whole = (count: number) => shareValues({ count, percent: percentOf(count, count) });

/** Every table of the report, by name; ENGAGEMENT_TABLES gives their order on the page. */
export function engagementTables(report: EngagementReport): Record<EngagementTableName, ReportTable> {
  const tables: ReportTable[] = [
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
  ];
  return Object.fromEntries(tables.map((table) => [table.name, table])) as Record<EngagementTableName, ReportTable>;
}

/** A percentage as page and downloads write it: one decimal place, no % sign (the header says it). */
const PERCENT_PLACES = 1;
const percentText = (value: number) => value.toFixed(PERCENT_PLACES);

/** The table as downloaded rows: the header, then the labels with plain numbers; an empty cell for a percentage of nothing. */
export function tableRows(table: ReportTable): SheetCell[][] {
  return [
    [table.labelHeader, ...table.columns.map((column) => column.header)],
    ...table.rows.map((row) => [
      row.label,
      ...row.values.map((value, index) => (table.columns[index]?.kind === 'percent' ? fixedDecimal(value, PERCENT_PLACES) : value)),
    ]),
  ];
}

/** The table as the GOV.UK Frontend table macro takes it; a percentage of nothing shows as a dash. */
export function govukTableOf(table: ReportTable) {
  const numeric = (text: string) => ({ text, format: 'numeric' });
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    classes: 'govuk-table--small-text-until-tablet',
    firstCellIsHeader: true,
    head: [{ text: table.labelHeader }, ...table.columns.map((column) => numeric(column.header))],
    rows: table.rows.map((row) => [
      { text: row.label },
      ...row.values.map((value, index) => {
        if (value === null) return numeric('–');
        return numeric(table.columns[index]?.kind === 'percent' ? percentText(value) : value.toLocaleString('en-GB'));
      }),
    ]),
  };
}
