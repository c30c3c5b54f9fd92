import type { OutcomesReport } from './outcomes-report.ts';
import { REOFFENDING } from '../distance/schemas.ts';
import { byName, shareValues, type ReportTable } from './report-tables.ts';
import { percentOf, share } from './shares.ts';

/** The outcomes report's tables, in page order. */
export const OUTCOMES_TABLES = ['hard-outcomes', 'outcomes-by-type', 'employment', 'distance-travelled', 'reoffending'] as const;
export type OutcomesTableName = (typeof OUTCOMES_TABLES)[number];

const VERIFIED_ONLY = ' (verified only)';

/** "1 person", "3 people", "1 engaged sign-up", "2,000 engaged sign-ups". */
const counted = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

export function outcomesTables(report: OutcomesReport): Record<OutcomesTableName, ReportTable<OutcomesTableName>> {
  const { hard, employment, distance } = report;
  return byName<OutcomesTableName>([
    {
      name: 'hard-outcomes',
      caption: `Engaged sign-ups with a hard outcome (of ${counted(hard.engagedSignUps, 'engaged sign-up', 'engaged sign-ups')}, ${counted(hard.engagedPeople, 'person', 'people')})`,
      sheet: 'Hard outcomes',
      labelHeader: 'Hard outcome',
      columns: [
        { header: 'Engaged sign-ups', kind: 'count' },
        { header: '% of engaged sign-ups', kind: 'percent' },
        { header: 'People', kind: 'count' },
        { header: '% of engaged people', kind: 'percent' },
      ],
      rows: hard.rows.map((row) => ({ label: row.label, values: [...shareValues(row.signUps), ...shareValues(row.people)] })),
    },
    {
      name: 'outcomes-by-type',
      caption: 'Outcomes dated in the period, by type',
      sheet: 'Outcomes by type',
      labelHeader: 'Outcome type',
      columns: [
        { header: 'Outcomes', kind: 'count' },
        { header: 'Clients', kind: 'count' },
        { header: 'Waiting to be verified', kind: 'count' },
      ],
      rows: report.byType.map((row) => ({ label: `${row.label}${row.mustVerify ? VERIFIED_ONLY : ''}`, values: [row.outcomes, row.people, row.awaitingVerification] })),
    },
    {
      name: 'employment',
      caption: 'Employment in the period',
      sheet: 'Employment',
      labelHeader: 'Employment',
      columns: [
        { header: 'Number', kind: 'count' },
        { header: 'People', kind: 'count' },
        { header: '% of job starts due the check', kind: 'percent' },
      ],
      rows: [
        { label: 'Handed to an employment consultant', values: [employment.handOvers.count, employment.handOvers.people, null] },
        { label: 'Job starts', values: [employment.jobStarts.count, employment.jobStarts.people, null] },
        ...employment.sustained.map((check) => ({
          label: `Still in work at ${check.week} weeks (of ${counted(check.due, 'job start', 'job starts')} due the check)`,
          values: [check.inWork, check.people, percentOf(check.inWork, check.due)],
        })),
      ],
    },
    {
      name: 'distance-travelled',
      caption: `Distance travelled: ${counted(distance.people, 'person', 'people')} with two or more readings`,
      sheet: 'Distance travelled',
      labelHeader: 'Area',
      columns: [
        { header: 'People scored at first and latest reading', kind: 'count' },
        { header: 'Mean first score', kind: 'mean' },
        { header: 'Mean latest score', kind: 'mean' },
        { header: `Improved by ${distance.threshold} or more`, kind: 'count' },
        { header: '% improved', kind: 'percent' },
      ],
      rows: distance.areas.map((area) => ({ label: area.label, values: [area.people, area.meanFirst, area.meanLatest, ...shareValues(area.improvedShare)] })),
    },
    {
      name: 'reoffending',
      caption: `Self-reported reoffending since the reading before (${counted(distance.readings, 'reading', 'readings')} of ${counted(distance.peopleRead, 'person', 'people')})`,
      sheet: 'Self-reported reoffending',
      labelHeader: 'Reoffended since the last reading?',
      columns: [
        { header: 'Readings', kind: 'count' },
        { header: '% of readings', kind: 'percent' },
        { header: 'People who said so at least once', kind: 'count' },
      ],
      rows: (Object.keys(REOFFENDING) as (keyof typeof REOFFENDING)[]).map((answer) => {
        const counts = distance.reoffending.find((row) => row.answer === answer) ?? { readings: 0, people: 0 };
        return { label: REOFFENDING[answer], values: [...shareValues(share(counts.readings, distance.readings)), counts.people] };
      }),
    },
  ]);
}
