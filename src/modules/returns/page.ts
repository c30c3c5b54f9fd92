import { stepChartSvg } from '../../charts/step-chart.ts';
import type { ChartFigure } from '../../charts/index.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { describeFilters, describePeriod, filterSelects, reportSections } from '../reports/filter-page.ts';
import { COMPARISON_CODES, COMPARISONS } from './comparisons.ts';
import { methodNotes } from './method-notes.ts';
import type { ReturnReport } from './report.ts';
import { returnTables, type ReturnTableName } from './tables.ts';

export const RETURNS_PATH = '/reports/return-to-custody';

/** The page's sections; `key` names what the template shows after a section's tables (the verdicts, the chart, a refusal). */
const SECTIONS: { key: string; heading: string; names: ReturnTableName[] }[] = [
  { key: 'counted', heading: 'Who is counted', names: ['who-is-counted'] },
  { key: 'rates', heading: 'Returned within the window', names: ['rates', 'differences', 'tests'] },
  { key: 'time', heading: 'Time to return', names: ['time-to-return'] },
  { key: 'cox', heading: 'Adjusted for who the groups are: Cox model', names: ['cox-model'] },
  { key: 'matched', heading: 'Adjusted for who the groups are: matched comparison', names: ['balance', 'matched'] },
];

const percentText = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);

/** The curves as steps from 100% at day 0 to the end of each group's follow-up, with the weeks table as the chart's data table. */
function survivalChart(report: ReturnReport): ChartFigure {
  const title = `Share not returned to custody, by days since liberation (up to ${report.windowDays} days)`;
  const weeks = report.time.groups[0]?.milestones.map((milestone) => milestone.week) ?? [];
  return {
    title,
    svg: stepChartSvg({
      idPrefix: 'time-to-return-chart',
      title,
      description: `Kaplan–Meier estimates for each group, with dotted 95% intervals: ${report.time.groups.map((group) => `${group.label}, ${group.followed} followed, ${group.returned} returned`).join('; ')}.`,
      xName: 'Days since liberation',
      xMax: report.windowDays,
      yName: '% not returned',
      yMin: 0,
      yMax: 100,
      series: report.time.groups.map((group) => {
        const points = group.curve.map((row) => [row.time, row.survival * 100] as const);
        const last = points.at(-1)?.[1] ?? 100;
        return {
          name: group.label,
          // The curve holds from its last return to the group's longest follow-up, and is not known beyond.
          points: [[0, 100] as const, ...points, [group.lastDay ?? 0, last] as const],
          band: {
            lower: [[0, null] as const, ...group.curve.map((row) => [row.time, row.lower === null ? null : row.lower * 100] as const)],
            upper: [[0, null] as const, ...group.curve.map((row) => [row.time, row.upper === null ? null : row.upper * 100] as const)],
          },
        };
      }),
    }),
    table: {
      caption: 'The chart’s figures: % not returned (95% interval), weeks after liberation',
      head: ['Group', ...weeks.map((week) => `${week} weeks`)],
      rows: report.time.groups.map((group) => [
        group.label,
        ...group.milestones.map((milestone) =>
          milestone.notReturned === null
            ? '–'
            : `${percentText(milestone.notReturned)}${milestone.ci95 ? ` (${percentText(milestone.ci95[0])} to ${percentText(milestone.ci95[1])})` : ''}`,
        ),
      ]),
    },
  };
}

/** What the page template shows: the form, and when the filter was good the figures, chart and notes. */
export function returnPage(props: { form: FormState; options: FilterOptions; report?: ReturnReport }) {
  const { form, options, report } = props;
  const comparison = String(form.values.comparison ?? 'engaged');
  return {
    pageTitle: 'Return to custody',
    action: RETURNS_PATH,
    form,
    selects: filterSelects(options, form),
    comparison: {
      id: 'comparison',
      name: 'comparison',
      label: { text: 'Compare' },
      items: COMPARISON_CODES.map((code) => ({ value: code, text: COMPARISONS[code].label, selected: code === comparison })),
      errorMessage: form.errors.comparison ? { text: form.errors.comparison } : undefined,
    },
    window: {
      id: 'windowDays',
      name: 'windowDays',
      label: { text: 'Follow-up window (days from liberation)' },
      hint: { text: report ? `Leave blank for the programme’s ${report.windowDays} days` : 'Leave blank for the programme’s window, usually 365 days' },
      classes: 'govuk-input--width-4',
      inputmode: 'numeric',
      value: form.values.windowDays,
      errorMessage: form.errors.windowDays ? { text: form.errors.windowDays } : undefined,
    },
    report,
    selection: report
      ? [
          describePeriod(report.filter, 'Liberated', 'Liberated at any date'),
          ...describeFilters(report.filter, options),
          `compared: ${report.comparison.label.toLowerCase()}`,
          `window: ${report.windowDays} days`,
        ].join('; ')
      : undefined,
    latestExtract: report?.latestExtract ? formatCalendarDate(report.latestExtract) : null,
    sections: report
      ? reportSections({ path: RETURNS_PATH, tables: returnTables(report), sections: SECTIONS, query: form.values }).map((section, index) => ({
          ...section,
          key: SECTIONS[index]?.key,
        }))
      : [],
    chart: report && report.followed > 0 ? survivalChart(report) : undefined,
    curveDownloads: downloadLinks({ path: RETURNS_PATH, query: form.values, table: 'survival-curve' }),
    notes: report ? methodNotes(report) : [],
    workbookHref: downloadLinks({ path: RETURNS_PATH, query: form.values }).xlsx,
  };
}
