import { barChartSvg, type ChartFigure } from '../../charts/index.ts';
import { datePartsOf } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import { factsInWords, filterSelect, reportSections } from '../reports/filter-page.ts';
import { familyFacts } from './facts.ts';
import type { FamilyReportOptions } from './options.ts';
import { financialYear, financialYearStartOf, periodLabel } from './period.ts';
import type { FamilySupportReport } from './report.ts';
import { familyTables, type FamilyTableName } from './tables.ts';

export const FAMILY_REPORT_PATH = '/reports/family-support';

const SECTIONS: { heading: string; names: FamilyTableName[] }[] = [
  { heading: 'Referrals and engagement', names: ['referrals', 'by-source'] },
  { heading: 'Families and people supported', names: ['people', 'support-types', 'outcomes'] },
  { heading: 'Year on year', names: ['year-on-year'] },
];

/** How many financial years the page offers as links, the current one first. */
const YEAR_LINKS = 6;

/** Referrals made and engaged in each year, as bars with their table. */
function yearsChart(report: FamilySupportReport): ChartFigure {
  const title = 'Referrals made and engaged, by year';
  const categories = report.years.map((year) => year.period.label);
  const series = [
    { name: 'Referrals made', values: report.years.map((year) => year.referrals.made) },
    { name: 'Referrals engaged', values: report.years.map((year) => year.referrals.engaged) },
  ];
  return {
    title,
    svg: barChartSvg({ idPrefix: 'family-support-years-chart', title, description: 'For the period and the same dates in each year before it, the referrals to family support made and those whose family engaged.', categories, series, yMin: 0 }),
    table: {
      caption: 'The chart’s figures',
      head: ['Period', ...series.map((one) => one.name)],
      rows: categories.map((label, index) => [label, ...series.map((one) => (one.values[index] ?? 0).toLocaleString('en-GB'))]),
    },
  };
}

/** Links to recent financial years, keeping the other filters (a year is a choice of dates). */
function yearLinks(form: FormState, today: string) {
  const others = Object.entries(form.values).filter((entry): entry is [string, string] => !/^(from|to)-/.test(entry[0]) && typeof entry[1] === 'string' && entry[1] !== '');
  const current = financialYearStartOf(today);
  return Array.from({ length: YEAR_LINKS }, (_, index) => financialYear(current - index)).map((year) => {
    const query = new URLSearchParams([...Object.entries({ ...datePartsOf('from', year.from), ...datePartsOf('to', year.to) }), ...others]);
    return { text: periodLabel(year), href: `${FAMILY_REPORT_PATH}?${query}` };
  });
}

/** What the page template shows: the filter form, and the tables and chart when the filter was good. */
export function familyReportPage(props: { form: FormState; options: FamilyReportOptions; report?: FamilySupportReport; today: string }) {
  const { form, options, report } = props;
  return {
    pageTitle: 'Family support report',
    action: FAMILY_REPORT_PATH,
    form,
    selects: [
      filterSelect(form, { name: 'teamId', label: 'Team of the family', any: 'Any team', items: options.teams.map((team) => ({ value: team.id, text: team.name })) }),
      filterSelect(form, { name: 'coordinatorId', label: 'Family support co-ordinator', any: 'Anyone', items: options.coordinators.map((user) => ({ value: user.id, text: user.name })) }),
      filterSelect(form, { name: 'source', label: 'Referral source', any: 'Any source', items: options.sources.map((source) => ({ value: source.code, text: source.label })) }),
    ],
    years: yearLinks(form, props.today),
    selection: report
      ? [`${formatCalendarDate(report.filter.from)} to ${formatCalendarDate(report.filter.to)}`, ...factsInWords(familyFacts(report.filter, options))].join('; ')
      : undefined,
    sections: report ? reportSections({ path: FAMILY_REPORT_PATH, tables: familyTables(report), sections: SECTIONS, query: form.values }) : [],
    chart: report ? yearsChart(report) : undefined,
    workbookHref: downloadLinks({ path: FAMILY_REPORT_PATH, query: form.values }).xlsx,
  };
}
