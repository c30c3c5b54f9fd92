import { filterFact, periodFact, unsetFact, type DownloadFact } from '../../http/downloads.ts';
import type { FamilyFilter } from './filter.ts';
import type { FamilyReportOptions } from './options.ts';

/** The report's filters other than the period in words, each set or left at "any": the page's selection line and a download's "About this download" sheet and file name. */
export function familyFacts(filter: FamilyFilter, options: FamilyReportOptions): DownloadFact[] {
  const facts: [label: string, name: string, value: string | undefined, any: string][] = [
    ['Team', 'team', options.teams.find((team) => team.id === filter.teamId)?.name, 'Any team'],
    ['Co-ordinator', 'coordinator', options.coordinators.find((user) => user.id === filter.coordinatorId)?.name, 'Anyone'],
    ['Referral source', 'source', options.sources.find((source) => source.code === filter.source)?.label, 'Any source'],
  ];
  return facts.map(([label, name, value, any]) => (value === undefined ? unsetFact(label, any) : filterFact({ label, name, value })));
}

/** The period and every filter, as a download says them. */
export const familyDownloadFacts = (filter: FamilyFilter, options: FamilyReportOptions): DownloadFact[] => [periodFact(filter, 'Period'), ...familyFacts(filter, options)];
