import type { FastifyInstance } from 'fastify';
import { engagementReportJson, engagementReportToJson } from './engagement-json.ts';
import { ENGAGEMENT_PATH, engagementPage } from './engagement-page.ts';
import { engagementReport } from './engagement-report.ts';
import { ENGAGEMENT_TABLES, engagementTables } from './engagement-tables.ts';
import { filteredReportRoutes } from './filtered-report-routes.ts';

export function engagementReportRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'engagement',
    title: 'Engagement report',
    periodLabel: 'Signed up',
    path: ENGAGEMENT_PATH,
    view: 'reports/views/engagement.njk',
    compute: engagementReport,
    tableNames: ENGAGEMENT_TABLES,
    tables: engagementTables,
    page: engagementPage,
    api: {
      path: '/api/v1/reports/engagement',
      summary: 'The engagement report: sign-ups, people, engagement and who the clients are',
      description:
        'Sign-ups (episodes) whose sign-up date is in the period, for people not merged into another record, narrowed by the filters. ' +
        'Engagement is the service’s one definition: a community contact that happened on or after the day of liberation.',
      response: engagementReportJson,
      toJson: engagementReportToJson,
    },
  });
}
