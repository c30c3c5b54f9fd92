import { byName, type ReportTable } from '../reports/report-tables.ts';
import type { ComparisonFigures, TeamComparisonReport } from './report.ts';

/** The team comparison's tables, in page order: a row per team, and a row per worker (with their team). */
export const TEAM_TABLES = ['teams', 'workers'] as const;
type TeamTableName = (typeof TEAM_TABLES)[number];

export const TOO_FEW = 'Too few to compare';

const COLUMNS: ReportTable['columns'] = [
  { header: 'Open caseload', kind: 'count' },
  { header: 'Sign-ups', kind: 'count' },
  { header: 'Pre-release visits per sign-up', kind: 'ratio' },
  { header: 'Gate meetings met', kind: 'count' },
  { header: '% of liberated', kind: 'percent' },
  { header: 'Engaged', kind: 'count' },
  { header: 'Engagement rate (%)', kind: 'percent' },
  { header: 'Contacts per engaged client', kind: 'ratio' },
  { header: 'Median days from liberation to first contact', kind: 'mean' },
  { header: 'Hard outcomes', kind: 'count' },
  { header: 'Supervision sessions', kind: 'count' },
  { header: 'Held on time', kind: 'count' },
  { header: '% on time', kind: 'percent' },
];

function values(figures: ComparisonFigures): (number | null)[] {
  return [
    figures.openCaseload,
    figures.signUps,
    figures.preReleaseVisits.perSignUp,
    figures.gateMet.count,
    figures.gateMet.percent,
    figures.engaged.count,
    figures.engaged.percent,
    figures.contacts.perEngagedClient,
    figures.daysToFirstContact.median,
    figures.hardOutcomes,
    figures.supervision?.sessions ?? null,
    figures.supervision?.onTime.count ?? null,
    figures.supervision?.onTime.percent ?? null,
  ];
}

/** The downloads' mark of a team or worker with too few sign-ups to compare (the page shows a tag). */
const note = (figures: ComparisonFigures) => (figures.tooFewToCompare ? 'Yes' : 'No');

export function teamTables(report: TeamComparisonReport): Record<TeamTableName, ReportTable<TeamTableName>> {
  return byName<TeamTableName>([
    {
      name: 'teams',
      caption: 'Teams',
      sheet: 'Teams',
      labelHeader: 'Team',
      columns: COLUMNS,
      noteHeader: TOO_FEW,
      rows: report.teams.map((team) => ({ label: team.name, values: values(team), note: note(team) })),
    },
    {
      name: 'workers',
      caption: 'Workers, by team',
      sheet: 'Workers',
      labelHeader: 'Worker',
      leadHeader: 'Team',
      columns: COLUMNS,
      noteHeader: TOO_FEW,
      rows: report.workers.map((worker) => ({ label: worker.name, lead: worker.teamName, values: values(worker), note: note(worker) })),
    },
  ]);
}
