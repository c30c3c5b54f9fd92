import { barChartSvg, type ChartFigure } from '../../charts/index.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { describeFilters, describePeriod, filterSelects, reportSections } from '../reports/filter-page.ts';
import type { ComparisonFigures, TeamComparisonReport } from './report.ts';
import { teamTables, TOO_FEW } from './tables.ts';

export const TEAMS_PATH = '/reports/teams';

/** Engagement rate by team, as bars with their table (teams with too few sign-ups marked in the table). */
function engagementChart(report: TeamComparisonReport): ChartFigure {
  const title = 'Engagement rate by team';
  const teams = report.teams;
  return {
    title,
    svg: barChartSvg({
      idPrefix: 'team-engagement-chart',
      title,
      description:
        'For each team, the percentage of its sign-ups in the selection that engaged (a community contact that happened on or after the day of liberation).',
      categories: teams.map((team) => team.name),
      series: [{ name: 'Engagement rate (%)', values: teams.map((team) => team.engaged.percent) }],
      yMin: 0,
      yMax: 100,
      horizontal: true,
    }),
    table: {
      caption: 'The chart’s figures',
      head: ['Team', 'Sign-ups', 'Engaged', 'Engagement rate (%)', TOO_FEW],
      rows: teams.map((team) => [
        team.name,
        team.signUps.toLocaleString('en-GB'),
        team.engaged.count.toLocaleString('en-GB'),
        team.engaged.percent === null ? '–' : team.engaged.percent.toFixed(1),
        team.tooFewToCompare ? 'Yes' : 'No',
      ]),
    },
  };
}

/**
 * A table as the page shows it: the row's label with a "Too few to compare" tag where it applies
 * (instead of the downloads' Yes/No column), then its other cells.
 */
function markedRows(item: { table: { head: { text: string }[]; rows: { text: string }[][] } }, marked: ComparisonFigures[]) {
  const { head, rows } = item.table;
  return {
    head: head.slice(0, -1),
    rows: rows.map((row, index) => ({ label: row[0]?.text ?? '', tooFew: marked[index]?.tooFewToCompare === true, cells: row.slice(1, -1) })),
  };
}

/** What the page template shows: the filter form, and the tables and chart when the filter was good. */
export function teamComparisonPage(props: { form: FormState; options: FilterOptions; report?: TeamComparisonReport }) {
  const { form, options, report } = props;
  const sections = report
    ? reportSections({
        path: TEAMS_PATH,
        tables: teamTables(report),
        query: form.values,
        sections: [
          { heading: 'By team', names: ['teams'] },
          { heading: 'By worker', names: ['workers'] },
        ],
      })
    : [];
  const marked = { teams: report?.teams ?? [], workers: report?.workers ?? [] };
  return {
    pageTitle: 'Team comparison',
    action: TEAMS_PATH,
    form,
    selects: filterSelects(options, form),
    selection: report ? [describePeriod(report.filter, 'Signed up', 'All sign-ups'), ...describeFilters(report.filter, options)].join('; ') : undefined,
    sections: sections.map((section) => ({
      heading: section.heading,
      tables: section.tables.map((item) => ({ ...item, ...markedRows(item, marked[item.name]) })),
    })),
    chart: report && report.teams.length > 0 ? engagementChart(report) : undefined,
    minGroup: report?.minGroup,
    intervalWeeks: report?.intervalWeeks,
    workbookHref: downloadLinks({ path: TEAMS_PATH, query: form.values }).xlsx,
  };
}
