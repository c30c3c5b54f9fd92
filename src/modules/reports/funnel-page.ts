import { barChartSvg, type ChartFigure } from '../../charts/index.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { FilterOptions } from './filter-options.ts';
import { describeFilters, describePeriod, filterSelects, reportSections } from './filter-page.ts';
import { funnelNotes } from './funnel-notes.ts';
import type { FunnelReport } from './funnel-report.ts';
import { funnelTables, type FunnelTableName } from './funnel-tables.ts';

export const FUNNEL_PATH = '/reports/funnel';

const SECTIONS: { heading: string; names: FunnelTableName[] }[] = [
  { heading: 'From sign-up to staying out of custody', names: ['funnel', 'follow-up'] },
  { heading: 'Time from sign-up to liberation', names: ['time-to-liberation'] },
];

const percent = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** The sign-ups reaching each stage, as horizontal bars with their table. */
function funnelChart(report: FunnelReport): ChartFigure {
  const title = 'Sign-ups reaching each stage';
  const days = report.windowDays.toLocaleString('en-GB');
  return {
    title,
    svg: barChartSvg({
      idPrefix: 'funnel-chart',
      title,
      description: `Of the sign-ups liberated in the period, how many reached each stage, from signing up to not returning to custody within ${days} days (counted only for those followed for the whole window).`,
      categories: report.stages.map((stage) => (stage.code === 'not-returned' ? `Not returned within ${days} days` : stage.label)),
      series: [{ name: 'Sign-ups', values: report.stages.map((stage) => stage.count) }],
      yMin: 0,
      horizontal: true,
    }),
    table: {
      caption: 'The chart’s figures',
      head: ['Stage', 'Sign-ups', '% of sign-ups'],
      rows: report.stages.map((stage) => [stage.label, stage.count.toLocaleString('en-GB'), percent(stage.ofWhole)]),
    },
  };
}

/** The follow-up window's field, after the filters: the value asked for, or the window the report used. */
function windowField(form: FormState, report?: FunnelReport) {
  return {
    id: 'windowDays',
    name: 'windowDays',
    label: { text: 'Follow-up window' },
    hint: { text: 'Days from liberation within which a return to custody counts, from 28 to 1,096' },
    suffix: { text: 'days' },
    classes: 'govuk-input--width-4',
    inputmode: 'numeric',
    spellcheck: false,
    value: form.values.windowDays ?? report?.windowDays,
    errorMessage: form.errors.windowDays ? { text: form.errors.windowDays } : undefined,
  };
}

/** What the page template shows: the filter form with the window, and the figures when the filter was good. */
export function funnelPage(props: { form: FormState; options: FilterOptions; report?: FunnelReport }) {
  const { form, options, report } = props;
  return {
    pageTitle: 'Engagement funnel',
    action: FUNNEL_PATH,
    form,
    selects: filterSelects(options, form),
    windowField: windowField(form, report),
    selection: report ? [describePeriod(report.filter, 'Liberated', 'Liberated on any date'), ...describeFilters(report.filter, options)].join('; ') : undefined,
    sections: report ? reportSections({ path: FUNNEL_PATH, tables: funnelTables(report), sections: SECTIONS, query: form.values }) : [],
    chart: report && report.signUps > 0 ? funnelChart(report) : undefined,
    notes: report ? funnelNotes(report) : [],
    workbookHref: downloadLinks({ path: FUNNEL_PATH, query: form.values }).xlsx,
  };
}
