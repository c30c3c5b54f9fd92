import type { FastifyInstance } from 'fastify';
import { filteredReportRoutes } from '../reports/filtered-report-routes.ts';
import { unsetFact } from '../../http/downloads.ts';
import { returnFields, windowFact } from './fields.ts';
import { returnReportJson, returnReportToJson } from './json.ts';
import { RETURNS_PATH, returnPage } from './page.ts';
import { returnReport } from './report.ts';
import { RETURN_TABLES, returnTables } from './tables.ts';

/** The return-to-custody analysis: the page, its downloads and the API, for managers and analysts. */
export function returnReportRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'return-to-custody',
    title: 'Return to custody',
    periodLabel: 'Liberated',
    extraFacts: (report, chosen) => [
      chosen.comparison === undefined
        ? unsetFact('Compared', report.comparison.label)
        : { label: 'Compared', value: report.comparison.label, filePart: `compared-${report.comparison.code}` },
      windowFact(chosen.windowDays, report.windowDays),
    ],
    path: RETURNS_PATH,
    view: 'returns/views/return-to-custody.njk',
    access: 'reports.returns',
    extra: returnFields,
    compute: returnReport,
    tableNames: RETURN_TABLES,
    tables: returnTables,
    page: returnPage,
    api: {
      path: '/api/v1/reports/return-to-custody',
      summary: 'Return to custody: rates with intervals and tests, time to return, and comparisons adjusted for who the groups are',
      description:
        'Liberations whose day of liberation is in the period (from, to), narrowed by the filters, followed up by the prison service’s extracts. ' +
        'Rates count liberations followed for the whole window (windowDays, default the programme’s); time to return counts every followed liberation, censored at the end of the window or the extract’s date. ' +
        'methodNotes says how every figure is made.',
      response: returnReportJson,
      toJson: returnReportToJson,
    },
  });
}
