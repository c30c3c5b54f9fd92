import type { FastifyInstance } from 'fastify';
import { filteredReportRoutes } from '../reports/filtered-report-routes.ts';
import { teamComparisonJson, teamComparisonToJson } from './json.ts';
import { TEAMS_PATH, teamComparisonPage } from './page.ts';
import { teamComparisonReport } from './report.ts';
import { TEAM_TABLES, teamTables } from './tables.ts';

/**
 * The team comparison (/reports/teams): per team and per worker, for team leaders and managers, with
 * the engagement report's filters; each table as CSV, both as XLSX, and JSON. Figures only, no clients.
 */
export function teamComparisonRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'team-comparison',
    title: 'Team comparison',
    periodLabel: 'Signed up',
    path: TEAMS_PATH,
    access: 'reports.teams',
    view: 'team-comparison/views/team-comparison.njk',
    compute: teamComparisonReport,
    tableNames: TEAM_TABLES,
    tables: teamTables,
    page: teamComparisonPage,
    extraFacts: (report) => [{ label: 'Smallest group compared', value: `${report.minGroup} sign-ups` }],
    api: {
      path: '/api/v1/reports/teams',
      summary: 'The team comparison: caseloads, sign-ups, the gate, engagement, contacts, outcomes and supervision for each team and worker',
      description:
        'Sign-ups whose sign-up date is in the period, narrowed by the filters, for each team holding them and each worker assigned to them (now or before) as prison or community life coach. ' +
        'Open caseloads are not narrowed by the period; supervision sessions only by it. Teams and workers with fewer sign-ups than the programme’s smallest group are marked too few to compare.',
      response: teamComparisonJson,
      toJson: teamComparisonToJson,
    },
  });
}
