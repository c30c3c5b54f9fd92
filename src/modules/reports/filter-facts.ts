import { filterFact, periodFact, unsetFact, type DownloadFact } from '../../http/downloads.ts';
import { AGE_BANDS, allBands } from './bands.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import type { FilterOptions } from './filter-options.ts';

/**
 * A report's filters in words, each set or left at "any": what a download's "About this download"
 * sheet and file name say, and what the page's selection line says (describeFilters).
 */
export function filterFacts(filter: EngagementFilter, options: FilterOptions): DownloadFact[] {
  const nameOf = (list: { id: string; name: string }[], id?: string) => list.find((item) => item.id === id)?.name;
  const facts: [label: string, name: string, value: string | undefined, any: string][] = [
    ['Prison', 'prison', nameOf(options.prisons, filter.prisonId), 'Any prison'],
    ['Team', 'team', nameOf(options.teams, filter.teamId), 'Any team'],
    ['Area', 'area', nameOf(options.areas, filter.areaId), 'Any area'],
    ['Life coach', 'coach', nameOf(options.workers, filter.workerId), 'Anyone'],
    ['Gender', 'gender', options.genders.find((gender) => gender.code === filter.gender)?.label, 'Any gender'],
    ['Age at sign-up', 'age', allBands(AGE_BANDS).find((band) => band.code === filter.ageBand)?.label, 'Any age'],
  ];
  return facts.map(([label, name, value, any]) => (value === undefined ? unsetFact(label, any) : filterFact({ label, name, value })));
}

/** The period and every filter of a report, as its downloads say them: `periodLabel` names what the period dates ("Signed up"). */
export function reportFacts(props: { filter: EngagementFilter; options: FilterOptions; periodLabel: string }): DownloadFact[] {
  return [periodFact(props.filter, props.periodLabel), ...filterFacts(props.filter, props.options)];
}
