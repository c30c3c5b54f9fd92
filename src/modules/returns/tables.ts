import { byName, type ReportTable } from '../reports/report-tables.ts';
import type { ReturnReport } from './report.ts';

/** The analysis' tables, in page order; each downloads as CSV, all of them as one workbook. */
export const RETURN_TABLES = [
  'who-is-counted',
  'rates',
  'differences',
  'tests',
  'time-to-return',
  'survival-curve',
  'cox-model',
  'balance',
  'matched',
] as const;
export type ReturnTableName = (typeof RETURN_TABLES)[number];

const pct = (share: number | null | undefined) => (share === null || share === undefined ? null : share * 100);
const interval = (ci: readonly [number, number] | null | undefined) => [pct(ci?.[0]), pct(ci?.[1])];
const RATE_COLUMNS = [
  { header: '% returned', kind: 'percent' },
  { header: '95% interval from (%)', kind: 'percent' },
  { header: '95% interval to (%)', kind: 'percent' },
] as const;

export function returnTables(report: ReturnReport): Record<ReturnTableName, ReportTable<ReturnTableName>> {
  const { rates, time, cox, matched, windowDays } = report;
  const labelOf = (code: string) => report.comparison.groups.find((group) => group.code === code)?.label ?? code;
  const within = `within ${windowDays.toLocaleString('en-GB')} days`;
  return byName<ReturnTableName>([
    {
      name: 'who-is-counted',
      caption: 'Liberations in the period, and which the figures count',
      sheet: 'Who is counted',
      labelHeader: 'Liberations',
      columns: [{ header: 'Number', kind: 'count' }],
      rows: [
        { label: 'Liberated in the period, matching the filters', values: [report.liberations] },
        { label: 'Not in any prison service extract taken on or after liberation (left out)', values: [report.excluded['not-followed']] },
        { label: 'Followed up (counted in time to return)', values: [report.followed] },
        {
          label: `Followed, but the ${windowDays}-day window had not ended by the extract’s date (left out of the rates)`,
          values: [report.excluded['window-incomplete']],
        },
        { label: 'Followed for the whole window (counted in the rates)', values: [report.wholeWindow] },
      ],
    },
    {
      name: 'rates',
      caption: `Returned to custody ${within} of liberation`,
      sheet: 'Return rates',
      labelHeader: 'Group',
      columns: [
        { header: 'Followed for the whole window', kind: 'count', disclosive: true },
        { header: `Returned ${within}`, kind: 'count', disclosive: true },
        ...RATE_COLUMNS,
      ],
      rows: rates.groups.map((group) => ({ label: group.label, values: [group.followed, group.returned, pct(group.rate), ...interval(group.ci95)] })),
    },
    {
      name: 'differences',
      caption: 'Difference in the share returned, against the reference group (percentage points)',
      sheet: 'Differences',
      labelHeader: 'Comparison',
      columns: [
        { header: 'Difference (percentage points)', kind: 'percent' },
        { header: '95% interval from', kind: 'percent' },
        { header: '95% interval to', kind: 'percent' },
      ],
      rows: (rates.differences ?? []).map((one) => ({
        label: `${labelOf(one.group)} minus ${labelOf(one.reference)}`,
        values: [pct(one.difference), ...interval(one.ci95)],
      })),
    },
    {
      name: 'tests',
      caption: 'Could the differences be chance? The tests',
      sheet: 'Tests',
      labelHeader: 'Test',
      columns: [
        { header: 'Statistic', kind: 'statistic' },
        { header: 'Degrees of freedom', kind: 'count' },
        { header: 'p value (two-sided)', kind: 'p' },
      ],
      rows: [
        ...(rates.differences ?? []).flatMap((one) => [
          { label: `Two-proportion z test: ${labelOf(one.group)} against ${labelOf(one.reference)}`, values: [one.z, null, one.zPValue] },
          { label: `Fisher’s exact test: ${labelOf(one.group)} against ${labelOf(one.reference)}`, values: [null, null, one.fisherPValue] },
        ]),
        ...(time.logRank
          ? [{ label: 'Log-rank test of time to return (chi-square)', values: [time.logRank.chiSquare, time.logRank.df, time.logRank.pValue] }]
          : []),
      ],
    },
    {
      name: 'time-to-return',
      caption: 'Share not returned to custody, weeks after liberation (Kaplan–Meier)',
      sheet: 'Time to return',
      labelHeader: 'Group and week',
      columns: [
        { header: 'Still followed, not returned', kind: 'count', disclosive: true },
        { header: '% not returned', kind: 'percent' },
        { header: '95% interval from (%)', kind: 'percent' },
        { header: '95% interval to (%)', kind: 'percent' },
      ],
      rows: time.groups.flatMap((group) =>
        group.milestones.map((milestone) => ({
          label: `${group.label}, ${milestone.week} weeks`,
          values: [milestone.atRisk, pct(milestone.notReturned), ...interval(milestone.ci95)],
        })),
      ),
    },
    {
      name: 'survival-curve',
      caption: 'The Kaplan–Meier estimates, each day someone returned',
      sheet: 'Kaplan-Meier',
      labelHeader: 'Group',
      columns: [
        { header: 'Days after liberation', kind: 'count' },
        { header: 'Followed, not returned, that day', kind: 'count', disclosive: true },
        { header: 'Returned that day', kind: 'count' },
        { header: '% not returned', kind: 'percent' },
        { header: 'Standard error (%)', kind: 'percent' },
        { header: '95% interval from (%)', kind: 'percent' },
        { header: '95% interval to (%)', kind: 'percent' },
      ],
      rows: time.groups.flatMap((group) =>
        group.curve.map((row) => ({
          label: group.label,
          values: [row.time, row.atRisk, row.events, pct(row.survival), pct(row.standardError), pct(row.lower), pct(row.upper)],
        })),
      ),
    },
    {
      name: 'cox-model',
      caption: 'Hazard of returning, adjusted for who the groups are (Cox model)',
      sheet: 'Cox model',
      labelHeader: 'Characteristic',
      columns: [
        { header: 'Hazard ratio', kind: 'ratio' },
        { header: '95% interval from', kind: 'ratio' },
        { header: '95% interval to', kind: 'ratio' },
        { header: 'p value', kind: 'p' },
      ],
      rows: 'refused' in cox ? [] : cox.terms.map((term) => ({ label: term.name, values: [term.hazardRatio, ...term.ci95, term.pValue] })),
    },
    {
      name: 'balance',
      caption: 'How alike the matched groups are: standardised differences before and after matching',
      sheet: 'Balance',
      labelHeader: 'Characteristic',
      columns: [
        { header: 'Before matching', kind: 'statistic' },
        { header: 'After matching', kind: 'statistic' },
      ],
      rows: 'refused' in matched ? [] : matched.balance.map((row) => ({ label: row.name, values: [row.before, row.after] })),
    },
    {
      name: 'matched',
      caption: `Matched groups: returned to custody ${within}`,
      sheet: 'Matched comparison',
      labelHeader: 'Matched group',
      columns: [{ header: 'Liberations', kind: 'count', disclosive: true }, { header: `Returned ${within}`, kind: 'count', disclosive: true }, ...RATE_COLUMNS],
      rows:
        'refused' in matched
          ? []
          : [
              { label: matched.treatedGroup, values: [matched.pairs, matched.treated.returned, pct(matched.treated.rate), ...interval(matched.treated.ci95)] },
              {
                label: matched.controlGroup,
                values: [matched.pairs, matched.controls.returned, pct(matched.controls.rate), ...interval(matched.controls.ci95)],
              },
              { label: 'Difference (percentage points)', values: [null, null, pct(matched.difference.difference), ...interval(matched.difference.ci95)] },
            ],
    },
  ]);
}
