import { barChartSvg } from '../../charts/index.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { FilterOptions } from './filter-options.ts';
import { describeFilters, describePeriod, filterSelects, reportSections } from './filter-page.ts';
import type { OutcomesReport } from './outcomes-report.ts';
import { outcomesTables, type OutcomesTableName } from './outcomes-tables.ts';

export const OUTCOMES_PATH = '/reports/outcomes';

const SECTIONS: { heading: string; names: OutcomesTableName[] }[] = [
  { heading: 'Hard outcomes of engaged sign-ups', names: ['hard-outcomes'] },
  { heading: 'Outcomes in the period', names: ['outcomes-by-type'] },
  { heading: 'Employment', names: ['employment'] },
  { heading: 'Distance travelled', names: ['distance-travelled', 'reoffending'] },
];

const score = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** Mean first and latest score per area, as a chart with its table. */
function distanceChart(report: OutcomesReport) {
  const { areas, people } = report.distance;
  const title = 'Mean first and latest score in each area';
  return {
    title,
    svg: barChartSvg({
      idPrefix: 'distance-chart',
      title,
      description: `For the ${people === 1 ? '1 person' : `${people} people`} with two or more readings: the mean of each person's first and latest score (1 to 10) in each area.`,
      categories: areas.map((area) => area.label),
      series: [
        { name: 'Mean first score', values: areas.map((area) => area.meanFirst) },
        { name: 'Mean latest score', values: areas.map((area) => area.meanLatest) },
      ],
      yMin: 0,
      yMax: 10,
      horizontal: true,
    }),
    table: {
      caption: 'The chart’s figures',
      head: ['Area', 'Mean first score', 'Mean latest score'],
      rows: areas.map((area) => [area.label, score(area.meanFirst), score(area.meanLatest)]),
    },
  };
}

/** What the page template shows: the filter form, and the tables (and chart) when the filter was good. */
export function outcomesPage(props: { form: FormState; options: FilterOptions; report?: OutcomesReport }) {
  const { form, options, report } = props;
  return {
    pageTitle: 'Outcomes report',
    action: OUTCOMES_PATH,
    form,
    selects: filterSelects(options, form),
    selection: report ? [describePeriod(report.filter, 'Period', 'Any date'), ...describeFilters(report.filter, options)].join('; ') : undefined,
    sections: report ? reportSections({ path: OUTCOMES_PATH, tables: outcomesTables(report), sections: SECTIONS, query: form.values }) : [],
    chart: report && report.distance.people > 0 ? distanceChart(report) : undefined,
    threshold: report?.distance.threshold,
    weeks: report?.employment.sustained.map((check) => check.week).join(' and '),
    workbookHref: downloadLinks({ path: OUTCOMES_PATH, query: form.values }).xlsx,
  };
}
