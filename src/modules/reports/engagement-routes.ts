import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { chooseTables, downloadRoutes, formProblems, periodParts, type DownloadFormat } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { formState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { engagementFilterQuery, parseFilterForm, unknownChoices } from './engagement-filters.ts';
import { engagementReportJson, engagementReportToJson } from './engagement-json.ts';
import { ENGAGEMENT_PATH, engagementPage } from './engagement-page.ts';
import { engagementReport } from './engagement-report.ts';
import { ENGAGEMENT_TABLES, engagementTables, tableRows } from './engagement-tables.ts';
import { loadFilterOptions } from './filter-options.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const VIEW = 'reports/views/engagement.njk';

/**
 * The page's (and its download links') querystring, checked: the report, or the form with its
 * errors. A bad filter computes nothing.
 */
async function reportFromQuery(props: { ctx: SignedInCtx; query: unknown }) {
  const { ctx } = props;
  const parsed = parseFilterForm(props.query);
  const options = await loadFilterOptions(ctx);
  if (!parsed.ok) return { options, form: parsed.form };
  const problems = unknownChoices({ filter: parsed.filter, options });
  if (problems.length > 0) return { options, form: formState(parsed.form.values, problems) };
  return { options, form: parsed.form, report: await engagementReport({ ctx, filter: parsed.filter, options }) };
}

export function engagementReportRoutes(app: FastifyInstance) {
  app.get(ENGAGEMENT_PATH, { config: { access: 'reports.read' } }, async (request, reply) => {
    const page = await reportFromQuery({ ctx: ctxOf(request), query: request.query });
    return reply.code(page.report ? 200 : 400).view(VIEW, engagementPage(page));
  });

  downloadRoutes(app, {
    path: ENGAGEMENT_PATH,
    access: 'reports.read',
    build: (request, format) => engagementDownload({ ctx: ctxOf(request), query: request.query, format }),
  });

  apiOf(app).get('/api/v1/reports/engagement', {
    config: { access: 'reports.read' },
    schema: {
      tags: ['Reports'],
      summary: 'The engagement report: sign-ups, people, engagement and who the clients are',
      description:
        'Sign-ups (episodes) whose sign-up date is in the period, for people not merged into another record, narrowed by the filters. ' +
        'Engagement is the service’s one definition: a community contact that happened on or after the day of liberation.',
      querystring: engagementFilterQuery,
      response: { 200: engagementReportJson, ...problemResponses },
    },
  }, async (request) => {
    const ctx = ctxOf(request);
    const options = await loadFilterOptions(ctx);
    const problems = unknownChoices({ filter: request.query, options });
    if (problems.length > 0) throw new ValidationError(problems);
    return engagementReportToJson(await engagementReport({ ctx, filter: request.query, options }));
  });
}

/** One table of the report (`?table=`), or for XLSX without one the whole report, a sheet a table. */
async function engagementDownload(props: { ctx: SignedInCtx; query: unknown; format: DownloadFormat }) {
  const { ctx, query, format } = props;
  const names = chooseTables({ format, names: ENGAGEMENT_TABLES, query });
  const { report, form } = await reportFromQuery({ ctx, query });
  if (!report) throw formProblems(form);
  const tables = engagementTables(report);
  const table = names.length === 1 ? names[0] : undefined;
  await audit(ctx, { action: 'export', recordType: 'report', detail: { report: 'engagement', table: table ?? 'all', format, filter: report.filter } });
  return {
    filename: ['engagement', ...(table ? [table] : []), ...periodParts(report.filter)].join('-'),
    tables: names.map((name) => ({ title: tables[name].sheet, rows: tableRows(tables[name]) })),
  };
}
