import { byName, type ReportTable } from '../reports/report-tables.ts';
import type { FamilySupportReport, PeriodFigures } from './report.ts';

/** The family support report's tables, in page order. Small numbers are shown as they are: the report stays within the team. */
export const FAMILY_TABLES = ['referrals', 'by-source', 'people', 'support-types', 'outcomes', 'year-on-year'] as const;
export type FamilyTableName = (typeof FAMILY_TABLES)[number];

const count = (header: string) => ({ header, kind: 'count' as const });
const percent = (header: string) => ({ header, kind: 'percent' as const });

const YEAR_COLUMNS: ReportTable['columns'] = [
  count('Families referred'),
  count('Referrals made'),
  count('Referrals engaged'),
  percent('% of referrals engaged'),
  count('Families engaged'),
  count('Adults supported directly'),
  count('Children supported directly'),
  count('Adults supported indirectly'),
  count('Children supported indirectly'),
  count('Contacts and sessions'),
  count('Families supported'),
  count('Outcomes'),
];

function yearValues(figures: PeriodFigures): (number | null)[] {
  const { referrals, people } = figures;
  return [
    referrals.families,
    referrals.made,
    referrals.engaged,
    referrals.engagedPercent,
    referrals.familiesEngaged,
    people.direct.adults,
    people.direct.children,
    people.indirect.adults,
    people.indirect.children,
    figures.support.contacts,
    figures.support.families,
    figures.outcomes.count,
  ];
}

const peopleRow = (label: string, group: { adults: number; children: number }) => ({ label, values: [group.adults, group.children, group.adults + group.children] });

export function familyTables(report: FamilySupportReport): Record<FamilyTableName, ReportTable<FamilyTableName>> {
  const { referrals, people, support, outcomes } = report.figures;
  return byName<FamilyTableName>([
    {
      name: 'referrals',
      caption: 'Families referred and engaged',
      sheet: 'Referred and engaged',
      labelHeader: 'Referrals and families',
      columns: [count('Number'), percent('% of referrals made')],
      rows: [
        { label: 'Referrals made', values: [referrals.made, null] },
        { label: 'Referrals engaged', values: [referrals.engaged, referrals.engagedPercent] },
        { label: 'Families referred', values: [referrals.families, null] },
        { label: 'Families engaged', values: [referrals.familiesEngaged, null] },
      ],
    },
    {
      name: 'by-source',
      caption: 'Referrals by source',
      sheet: 'By source',
      labelHeader: 'Referral source',
      columns: [count('Referrals made'), count('Referrals engaged'), percent('% engaged')],
      rows: [
        ...report.figures.bySource.map((row) => ({ label: row.label, values: [row.made, row.engaged, row.engagedPercent] })),
        { label: 'All sources', values: [referrals.made, referrals.engaged, referrals.engagedPercent] },
      ],
    },
    {
      name: 'people',
      caption: 'Adults and children supported',
      sheet: 'Adults and children',
      labelHeader: 'How supported',
      columns: [count('Adults'), count('Children'), count('People')],
      rows: [
        peopleRow('Supported directly', people.direct),
        peopleRow('Supported indirectly', people.indirect),
        peopleRow('All supported', { adults: people.direct.adults + people.indirect.adults, children: people.direct.children + people.indirect.children }),
      ],
    },
    {
      name: 'support-types',
      caption: 'Support given by type',
      sheet: 'Support by type',
      labelHeader: 'Support type',
      columns: [count('Contacts and sessions'), count('Families')],
      rows: [...support.byType.map((row) => ({ label: row.label, values: [row.contacts, row.families] })), { label: 'All support', values: [support.contacts, support.families] }],
    },
    {
      name: 'outcomes',
      caption: 'Outcomes for families by type',
      sheet: 'Outcomes by type',
      labelHeader: 'Outcome',
      columns: [count('Outcomes'), count('Families')],
      rows: [...outcomes.byType.map((row) => ({ label: row.label, values: [row.count, row.families] })), { label: 'All outcomes', values: [outcomes.count, outcomes.families] }],
    },
    {
      name: 'year-on-year',
      caption: 'Year on year',
      sheet: 'Year on year',
      labelHeader: 'Period',
      columns: YEAR_COLUMNS,
      rows: report.years.map((year) => ({ label: year.period.label, values: yearValues(year) })),
    },
  ]);
}
