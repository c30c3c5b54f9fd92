import { PERIOD_FIELDS } from '../../http/date-fields.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { describeFilters, describePeriod, filterSelect, filterSelects, reportSections } from '../reports/filter-page.ts';
import { groupsChart } from './chart.ts';
import { MODE_WORDS, type ReferralReport } from './report.ts';
import { referralTables, type ReferralTableName } from './tables.ts';

export const REFERRALS_PATH = '/reports/referrals';
export const agencyFeedbackPath = (organisationId: string) => `${REFERRALS_PATH}/agency/${organisationId}`;

const SECTIONS: { heading: string; names: ReferralTableName[] }[] = [
  { heading: 'Referrals and what became of them', names: ['referrals', 'by-agency', 'by-service', 'by-need-domain', 'decline-reasons'] },
  { heading: 'Time to the first appointment', names: ['first-appointment'] },
  { heading: 'Clients linked to services', names: ['linked'] },
];

/** Made, accepted and attended for each agency, as horizontal bars with their table. */
const agencyChart = (report: ReferralReport) =>
  groupsChart({
    idPrefix: 'referral-agency-chart',
    title: 'Referrals made, accepted and attended, by agency',
    description: 'For each agency, the referrals made in the period, those it accepted, and those whose client attended an appointment.',
    labelHeader: 'Agency',
    rows: report.byAgency,
    figures: ['made', 'accepted', 'attended'],
  });

const modeSelect = (form: FormState) =>
  filterSelect(form, { name: 'mode', label: 'How the referral was made', any: 'Either way', items: Object.entries(MODE_WORDS).map(([value, text]) => ({ value, text })) });

/** The period of the form, as the querystring of an agency's feedback report. */
function periodOf(form: FormState) {
  const period = new URLSearchParams(Object.entries(form.values).filter((entry): entry is [string, string] => PERIOD_FIELDS.includes(entry[0]) && typeof entry[1] === 'string' && entry[1] !== ''));
  return period.size > 0 ? `?${period}` : '';
}

/** What the page template shows: the filter form, and the tables, chart and agencies' feedback links when the filter was good. */
export function referralPage(props: { form: FormState; options: FilterOptions; report?: ReferralReport }) {
  const { form, options, report } = props;
  const mode = report?.filter.mode;
  return {
    pageTitle: 'Referrals report',
    action: REFERRALS_PATH,
    form,
    selects: filterSelects(options, form),
    modeSelect: modeSelect(form),
    selection: report
      ? [describePeriod(report.filter, 'Referred', 'Referred on any date'), ...describeFilters(report.filter, options), ...(mode ? [`how made: ${MODE_WORDS[mode]}`] : [])].join('; ')
      : undefined,
    sections: report ? reportSections({ path: REFERRALS_PATH, tables: referralTables(report), sections: SECTIONS, query: form.values }) : [],
    chart: report && report.byAgency.length > 0 ? agencyChart(report) : undefined,
    feedback: (report?.byAgency ?? []).flatMap((row) => (row.organisationId ? [{ text: row.label, href: `${agencyFeedbackPath(row.organisationId)}${periodOf(form)}` }] : [])),
    workbookHref: downloadLinks({ path: REFERRALS_PATH, query: form.values }).xlsx,
  };
}
