import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import type { EngagementReport } from './engagement-report.ts';
import { engagementTables, type EngagementTableName } from './engagement-tables.ts';
import type { FilterOptions } from './filter-options.ts';
import { describeFilters, describePeriod, filterSelects, reportSections } from './filter-page.ts';

export const ENGAGEMENT_PATH = '/reports/engagement';

const SECTIONS: { heading: string; names: EngagementTableName[] }[] = [
  { heading: 'Engagement', names: ['engagement', 'pre-release', 'reasons'] },
  { heading: 'Who the clients are', names: ['gender', 'age', 'sentence-length', 'previous-sentences', 'baseline-needs', 'months-out-of-work'] },
];

/** What the page template shows: the filter form, and the tables when the filter was good. */
export function engagementPage(props: { form: FormState; options: FilterOptions; report?: EngagementReport }) {
  const { form, options, report } = props;
  return {
    pageTitle: 'Engagement report',
    action: ENGAGEMENT_PATH,
    form,
    selects: filterSelects(options, form),
    selection: report ? [describePeriod(report.filter, 'Signed up', 'All sign-ups'), ...describeFilters(report.filter, options)].join('; ') : undefined,
    sections: report ? reportSections({ path: ENGAGEMENT_PATH, tables: engagementTables(report), sections: SECTIONS, query: form.values }) : [],
    workbookHref: downloadLinks({ path: ENGAGEMENT_PATH, query: form.values }).xlsx,
  };
}
