import { formatCalendarDate } from '../../http/dates.ts';
import { downloadLinks, type DownloadFact } from '../../http/downloads.ts';
import type { FormState } from '../../http/forms.ts';
import { AGE_BANDS, allBands } from './bands.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import { filterFacts } from './filter-facts.ts';
import type { FilterOptions } from './filter-options.ts';
import { govukTableOf, type ReportTable } from './report-tables.ts';

/**
 * What the reports filtered by period, prison, team, area, worker, gender and age share on their
 * pages: the filter form's selects, the selection in words, and the tables in sections with their
 * download links.
 */
/** One select of a report's filter form, "any" first, with the current choice selected and its error. */
export function filterSelect(form: FormState, props: { name: string; label: string; any: string; items: { value: string; text: string }[] }) {
  const { name } = props;
  return {
    id: name,
    name,
    label: { text: props.label },
    items: [{ value: '', text: props.any }, ...props.items.map((item) => ({ ...item, selected: item.value === form.values[name] }))],
    errorMessage: form.errors[name] ? { text: form.errors[name] } : undefined,
  };
}

/** The filter form's selects, with the current choice selected. */
export function filterSelects(options: FilterOptions, form: FormState) {
  const named = (list: { id: string; name: string }[]) => list.map((item) => ({ value: item.id, text: item.name }));
  const select = (name: string, label: string, any: string, items: { value: string; text: string }[]) => filterSelect(form, { name, label, any, items });
  return [
    select('prisonId', 'Prison', 'Any prison', named(options.prisons)),
    select('teamId', 'Team', 'Any team', named(options.teams)),
    select('areaId', 'Community justice area', 'Any area', named(options.areas)),
    select('workerId', 'Prison or community life coach', 'Anyone', named(options.workers)),
    select('gender', 'Gender', 'Any gender', options.genders.map((gender) => ({ value: gender.code, text: gender.label }))),
    select('ageBand', 'Age at sign-up', 'Any age', allBands(AGE_BANDS).map((band) => ({ value: band.code, text: band.label }))),
  ];
}

/** The period in words, as a report counts it: `what` is "Signed up" or "Dated", `whenAll` the words for no period. */
export function describePeriod(filter: EngagementFilter, what: string, whenAll: string): string {
  if (filter.from && filter.to) return `${what} from ${formatCalendarDate(filter.from)} to ${formatCalendarDate(filter.to)}`;
  if (filter.from) return `${what} on or after ${formatCalendarDate(filter.from)}`;
  if (filter.to) return `${what} on or before ${formatCalendarDate(filter.to)}`;
  return whenAll;
}

/** The filters other than the period in words: "prison: Barlinnie; gender: Female". */
export const describeFilters = (filter: EngagementFilter, options: FilterOptions): string[] => factsInWords(filterFacts(filter, options));

/** The filters set (those that narrow a download's rows), as a page's selection line says them. */
export const factsInWords = (facts: DownloadFact[]): string[] => facts.filter((fact) => fact.filePart !== undefined).map((fact) => `${fact.label.toLowerCase()}: ${fact.value}`);

/** A report's tables in sections, each table with its download links keeping the filters. */
export function reportSections<Name extends string>(props: {
  path: string;
  tables: Record<Name, ReportTable<Name>>;
  sections: { heading: string; names: readonly Name[] }[];
  query: FormState['values'];
}) {
  return props.sections.map((section) => ({
    heading: section.heading,
    tables: section.names.map((name) => ({
      name,
      table: govukTableOf(props.tables[name]),
      downloads: downloadLinks({ path: props.path, query: props.query, table: name }),
    })),
  }));
}
