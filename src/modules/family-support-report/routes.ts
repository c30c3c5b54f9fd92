import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { downloadRoutes, formProblems } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { reportDownload } from '../reports/report-download.ts';
import { familyDownloadFacts } from './facts.ts';
import { familyFilterQuery, parseFamilyFilterForm, unknownChoices, withPeriod } from './filter.ts';
import { familyReportJson, familyReportToJson } from './json.ts';
import { loadFamilyReportOptions } from './options.ts';
import { FAMILY_REPORT_PATH, familyReportPage } from './page.ts';
import { familySupportReport } from './report.ts';
import { FAMILY_TABLES, familyTables } from './tables.ts';

const ACCESS = 'reports.familySupport';
const NAME = 'family-support';
const TITLE = 'Family support report';
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** The page's (and its downloads') querystring, checked: the report, or the form with its errors. */
async function fromQuery(ctx: SignedInCtx, query: unknown) {
  const options = await loadFamilyReportOptions(ctx);
  const parsed = parseFamilyFilterForm(query, options, ctx.actor.timeZone);
  if (!parsed.ok) return { options, form: parsed.form };
  return { options, form: parsed.form, report: await familySupportReport({ ctx, filter: parsed.filter, options }) };
}

/** A download's report, or the page's errors (400). */
async function downloaded(ctx: SignedInCtx, query: unknown) {
  const { report, form, options } = await fromQuery(ctx, query);
  if (!report) throw formProblems(form);
  return { report, facts: familyDownloadFacts(report.filter, options), detail: { report: NAME, filter: report.filter } };
}

/**
 * The family support report (/reports/family-support): the page, each table as CSV and the tables as
 * an XLSX workbook, and JSON at /api/v1/reports/family-support, for family support co-ordinators and
 * the programme's report readers. Figures only, no names. A bad filter computes nothing.
 */
export function familySupportReportRoutes(app: FastifyInstance) {
  app.get(FAMILY_REPORT_PATH, { config: { access: ACCESS } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const page = await fromQuery(ctx, request.query);
    return reply.code(page.report ? 200 : 400).view('family-support-report/views/family-support.njk', familyReportPage({ ...page, today: today(ctx.actor.timeZone) }));
  });

  downloadRoutes(app, {
    path: FAMILY_REPORT_PATH,
    access: ACCESS,
    build: (request, format) => {
      const ctx = ctxOf(request);
      return reportDownload(ctx, { format, query: request.query, fileName: NAME, title: TITLE, tableNames: FAMILY_TABLES, tables: familyTables, compute: () => downloaded(ctx, request.query) });
    },
  });

  apiOf(app).get(
    '/api/v1/reports/family-support',
    {
      config: { access: ACCESS },
      schema: {
        tags: ['Reports'],
        summary: 'The family support report: families referred and engaged, adults and children supported directly and indirectly, support by type and outcomes, year on year',
        description:
          'For a period of at most a year (from and to; neither for the current financial year, 1 April to 31 March), and the same dates in the two years before it (years). ' +
          'Families are narrowed by their team, their co-ordinator, and a referral source (families referred by it by the end of the period; only its referrals are counted). ' +
          'Anything entered in error counts nowhere; a family entered in error takes all its records with it.',
        querystring: familyFilterQuery,
        response: { 200: familyReportJson, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const options = await loadFamilyReportOptions(ctx);
      const problems = unknownChoices(request.query, options);
      if (problems.length > 0) throw new ValidationError(problems);
      return familyReportToJson(await familySupportReport({ ctx, filter: withPeriod(request.query, ctx.actor.timeZone), options }));
    },
  );
}
