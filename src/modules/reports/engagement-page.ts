import { formatCalendarDate } from '../../http/dates.ts';
import { downloadLinks } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import { AGE_BANDS, allBands } from './bands.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import type { EngagementReport } from './engagement-report.ts';
import { ENGAGEMENT_TABLES, engagementTables, govukTableOf, type EngagementTableName, type ReportTable } from './engagement-tables.ts';
import type { FilterOptions } from './filter-options.ts';

export const ENGAGEMENT_PATH = '/reports/engagement';

function selectItems(props: { any: string; options: { value: string; text: string }[]; selected: unknown }) {
  return [{ value: '', text: props.any }, ...props.options.map((option) => ({ ...option, selected: option.value === props.selected }))];
}

/** The filter form's selects, with the current choice selected. */
function filterSelects(options: FilterOptions, form: FormState) {
  const named = (list: { id: string; name: string }[]) => list.map((item) => ({ value: item.id, text: item.name }));
  const select = (name: string, label: string, any: string, list: { value: string; text: string }[]) => ({
    id: name,
    name,
    label: { text: label },
    items: selectItems({ any, options: list, selected: form.values[name] }),
    errorMessage: form.errors[name] ? { text: form.errors[name] } : undefined,
  });
  return [
    select('prisonId', 'Prison', 'Any prison', named(options.prisons)),
    select('teamId', 'Team', 'Any team', named(options.teams)),
    select('areaId', 'Community justice area', 'Any area', named(options.areas)),
    select('workerId', 'Prison or community life coach', 'Anyone', named(options.workers)),
    select('gender', 'Gender', 'Any gender', options.genders.map((gender) => ({ value: gender.code, text: gender.label }))),
    select('ageBand', 'Age at sign-up', 'Any age', allBands(AGE_BANDS).map((band) => ({ value: band.code, text: band.label }))),
  ];
}

/** The selection in words: "Signed up from 1 April 2009 to 31 March 2010; prison: Barlinnie". */
function describeFilter(filter: EngagementFilter, options: FilterOptions): string {
  const period =
    filter.from && filter.to
      ? `Signed up from ${formatCalendarDate(filter.from)} to ${formatCalendarDate(filter.to)}`
      : filter.from
        ? `Signed up on or after ${formatCalendarDate(filter.from)}`
        : filter.to
          ? `Signed up on or before ${formatCalendarDate(filter.to)}`
          : 'All sign-ups';
  const nameOf = (list: { id: string; name: string }[], id?: string) => list.find((item) => item.id === id)?.name;
  const parts: [string, string | undefined][] = [
    ['prison', nameOf(options.prisons, filter.prisonId)],
    ['team', nameOf(options.teams, filter.teamId)],
    ['area', nameOf(options.areas, filter.areaId)],
    ['life coach', nameOf(options.workers, filter.workerId)],
    ['gender', options.genders.find((gender) => gender.code === filter.gender)?.label],
    ['age at sign-up', allBands(AGE_BANDS).find((band) => band.code === filter.ageBand)?.label],
  ];
  return [period, ...parts.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}: ${value}`)].join('; ');
}

/** What the page template shows: the filter form, and the tables when the filter was good. */
export function engagementPage(props: { form: FormState; options: FilterOptions; report?: EngagementReport }) {
  const { form, options, report } = props;
  return {
    pageTitle: 'Engagement report',
    action: ENGAGEMENT_PATH,
    form,
    selects: filterSelects(options, form),
    selection: report ? describeFilter(report.filter, options) : undefined,
    sections: report ? sectionsOf(engagementTables(report), form.values) : [],
    workbookHref: downloadLinks({ path: ENGAGEMENT_PATH, query: form.values }).xlsx,
  };
}

const WHO_THE_CLIENTS_ARE: EngagementTableName[] = ['gender', 'age', 'sentence-length', 'previous-sentences'];

/** The filters as given: the download links keep them. */
function sectionsOf(tables: Record<EngagementTableName, ReportTable>, query: FormState['values']) {
  const shown = (names: EngagementTableName[]) =>
    names.map((name) => ({ table: govukTableOf(tables[name]), downloads: downloadLinks({ path: ENGAGEMENT_PATH, query, table: name }) }));
  return [
    { heading: 'Engagement', tables: shown(ENGAGEMENT_TABLES.filter((name) => !WHO_THE_CLIENTS_ARE.includes(name))) },
    { heading: 'Who the clients are', tables: shown(WHO_THE_CLIENTS_ARE) },
  ];
}
