import type { FastifyInstance } from 'fastify';
import { filteredReportRoutes } from './filtered-report-routes.ts';
import { outcomesReportJson, outcomesReportToJson } from './outcomes-json.ts';
import { OUTCOMES_PATH, outcomesPage } from './outcomes-page.ts';
import { outcomesReport } from './outcomes-report.ts';
import { OUTCOMES_TABLES, outcomesTables } from './outcomes-tables.ts';

export function outcomesReportRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'outcomes',
    title: 'Outcomes report',
    periodLabel: 'Period',
    path: OUTCOMES_PATH,
    view: 'reports/views/outcomes.njk',
    compute: outcomesReport,
    tableNames: OUTCOMES_TABLES,
    tables: outcomesTables,
    page: outcomesPage,
    api: {
      path: '/api/v1/reports/outcomes',
      summary: 'The outcomes report: hard outcomes, outcomes by type, employment and distance travelled',
      description:
        'Hard outcomes and distance travelled are counted for sign-ups whose sign-up date is in the period; outcomes, hand-overs and job starts by their own date in the period, on sign-ups matching the other filters. ' +
        'An outcome counts when it is not entered in error nor rejected, and, where its type must be verified, only once verified.',
      response: outcomesReportJson,
      toJson: outcomesReportToJson,
    },
  });
}
