import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import { describePeriod, reportSections } from '../reports/filter-page.ts';
import type { AgencyFeedback } from './agency-report.ts';
import { feedbackTables, type FeedbackTableName } from './agency-tables.ts';
import { groupsChart } from './chart.ts';
import { agencyFeedbackPath, REFERRALS_PATH } from './page.ts';

const SECTIONS: { heading: string; names: FeedbackTableName[] }[] = [
  { heading: 'Referrals, answers and attendance', names: ['by-month', 'by-service', 'decline-reasons'] },
  { heading: 'Time to the first appointment', names: ['first-appointment'] },
  { heading: 'Results', names: ['results'] },
];

/** Referrals made and attended in each month, as bars with their table. */
const monthChart = (report: AgencyFeedback) =>
  groupsChart({
    idPrefix: 'feedback-month-chart',
    title: 'Referrals made and attended, by month of referral',
    description: `For each month, the referrals made to ${report.organisation.name} and, of them, those whose client attended an appointment.`,
    labelHeader: 'Month of referral',
    rows: report.byMonth,
    figures: ['made', 'attended'],
  });

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
