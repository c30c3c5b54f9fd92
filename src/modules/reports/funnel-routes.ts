import type { FastifyInstance } from 'fastify';
import { windowFact } from '../returns/fields.ts';
import { filteredReportRoutes } from './filtered-report-routes.ts';
import { funnelReportJson, funnelReportToJson } from './funnel-json.ts';
import { FUNNEL_PATH, funnelPage } from './funnel-page.ts';
import { funnelFields, funnelReport } from './funnel-report.ts';
import { FUNNEL_TABLES, funnelTables } from './funnel-tables.ts';

/** The engagement funnel by cohort: sign-ups liberated in a period, stage by stage to not returning to custody. */
export function funnelReportRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'funnel',
    title: 'Engagement funnel',
    periodLabel: 'Liberated',
    extraFacts: (report, chosen) => [windowFact(chosen.windowDays, report.windowDays)],
    path: FUNNEL_PATH,
    view: 'reports/views/funnel.njk',
    extra: funnelFields,
    compute: funnelReport,
    tableNames: FUNNEL_TABLES,
    tables: funnelTables,
    page: funnelPage,
    api: {
      path: '/api/v1/reports/funnel',
      summary: 'The engagement funnel of sign-ups liberated in a period',
      description:
        'Sign-ups whose liberation date is in the period (from/to) and that match the other filters: signed up, at least one and two or more pre-release visits, met at the gate, engaged, engaged with a hard outcome, and not returned to custody within windowDays of liberation (of those followed for the whole window); and engagement by time from sign-up to liberation. The method notes say how each figure is counted.',
      response: funnelReportJson,
      toJson: funnelReportToJson,
    },
  });
}
