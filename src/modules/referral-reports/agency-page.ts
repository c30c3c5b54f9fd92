import { barChartSvg, type ChartFigure } from '../../charts/index.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import { describePeriod, reportSections } from '../reports/filter-page.ts';
import type { AgencyFeedback } from './agency-report.ts';
import { feedbackTables, type FeedbackTableName } from './agency-tables.ts';
import { agencyFeedbackPath, REFERRALS_PATH } from './page.ts';

const SECTIONS: { heading: string; names: FeedbackTableName[] }[] = [
  { heading: 'Referrals, answers and attendance', names: ['by-month', 'by-service', 'decline-reasons'] },
  { heading: 'Time to the first appointment', names: ['first-appointment'] },
  { heading: 'Results', names: ['results'] },
];

/** Referrals made and attended in each month, as bars with their table. */
function monthChart(report: AgencyFeedback): ChartFigure {
  const title = 'Referrals made and attended, by month of referral';
  const months = report.byMonth;
  const figures = [
    { name: 'Made', values: months.map((row) => row.counts.made) },
    { name: 'Attended', values: months.map((row) => row.counts.attended) },
  ];
  return {
    title,
    svg: barChartSvg({
      idPrefix: 'feedback-month-chart',
      title,
      description: `For each month, the referrals made to ${report.organisation.name} and, of them, those whose client attended an appointment.`,
      categories: months.map((row) => row.label),
      series: figures,
      yMin: 0,
      horizontal: true,
    }),
    table: {
      caption: 'The chart’s figures',
      head: ['Month of referral', ...figures.map((figure) => figure.name)],
      rows: months.map((row, index) => [row.label, ...figures.map((figure) => (figure.values[index] ?? 0).toLocaleString('en-GB'))]),
    },
  };
}

/** What the page shows: the period form, and the figures when the period was good. */
export function feedbackPage(props: { organisation: { id: string; name: string }; form: FormState; report?: AgencyFeedback; staff: boolean }) {
  const { organisation, form, report } = props;
  const path = agencyFeedbackPath(organisation.id);
  return {
    pageTitle: `Feedback report: ${organisation.name}`,
    organisation,
    action: path,
    form,
    selects: [],
    backHref: props.staff ? REFERRALS_PATH : undefined,
    selection: report ? describePeriod(report.period, 'Referred', 'Referred on any date') : undefined,
    sections: report ? reportSections({ path, tables: feedbackTables(report), sections: SECTIONS, query: form.values }) : [],
    chart: report && report.byMonth.length > 0 ? monthChart(report) : undefined,
    workbookHref: downloadLinks({ path, query: form.values }).xlsx,
  };
}
