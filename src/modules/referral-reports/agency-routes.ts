import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { readPeriodForm } from '../../http/date-fields.ts';
import { downloadRoutes, fileWords, formProblems, periodFact } from '../../http/downloads.ts';
import { NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { can } from '../auth/policy.ts';
import { reportDownload } from '../reports/report-download.ts';
import { agencyFeedbackJson, agencyFeedbackToJson } from './agency-json.ts';
import { feedbackPage } from './agency-page.ts';
import { agencyFeedback, feedbackOrganisation, periodQuerySchema, type Period } from './agency-report.ts';
import { FEEDBACK_TABLES, feedbackTables } from './agency-tables.ts';

const PATH = '/reports/referrals/agency/:organisationId';
const ACCESS = 'reports.agencyFeedback';
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const organisationParams = z.object({ organisationId: z.uuid() });

/** The organisation the path names (a malformed id is not found), if the actor may read its report. */
function organisationOf(request: FastifyRequest) {
  const params = organisationParams.safeParse(request.params);
  if (!params.success) throw new NotFoundError();
  return feedbackOrganisation(ctxOf(request), params.data.organisationId);
}

/** Reading an agency's feedback is audited: its own users and the programme's staff alike. */
async function computed(ctx: SignedInCtx, organisation: { id: string; name: string }, period: Period) {
  const report = await agencyFeedback({ ctx, organisation, period });
  await audit(ctx, { action: 'read', recordType: 'report', detail: { report: 'agency-feedback', organisationId: organisation.id, period } });
  return report;
}

/**
 * One organisation's feedback report: the page, its tables as CSV and an XLSX workbook, and JSON.
 * The programme's report readers may read any organisation's; a partner agency's user only their own.
 */
export function agencyFeedbackRoutes(app: FastifyInstance) {
  app.get(PATH, { config: { access: ACCESS } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const organisation = await organisationOf(request);
    const parsed = readPeriodForm(request.query);
    const report = parsed.ok ? await computed(ctx, organisation, parsed.period) : undefined;
    const staff = can(ctx.actor, 'reports.read');
    return reply.code(report ? 200 : 400).view('referral-reports/views/agency-feedback.njk', feedbackPage({ organisation, form: parsed.form, report, staff }));
  });

  downloadRoutes(app, {
    path: PATH,
    access: ACCESS,
    build: async (request, format) => {
      const ctx = ctxOf(request);
      const organisation = await organisationOf(request);
      return reportDownload(ctx, {
        format,
        query: request.query,
        fileName: 'referrals-feedback',
        title: `Feedback report: ${organisation.name}`,
        tableNames: FEEDBACK_TABLES,
        tables: feedbackTables,
        compute: async () => {
          const parsed = readPeriodForm(request.query);
          if (!parsed.ok) throw formProblems(parsed.form);
          return {
            report: await agencyFeedback({ ctx, organisation, period: parsed.period }),
            facts: [{ label: 'Agency', value: organisation.name, filePart: fileWords(organisation.name) }, periodFact(parsed.period, 'Referred')],
            detail: { report: 'agency-feedback', organisationId: organisation.id, period: parsed.period },
          };
        },
      });
    },
  });

  apiOf(app).get(
    '/api/v1/reports/referrals/agency/:organisationId',
    {
      config: { access: ACCESS },
      schema: {
        tags: ['Reports'],
        summary: 'An agency’s feedback report: its referrals, answers, attendance, results and time to the first appointment, by month',
        description:
          'Referrals to the organisation’s services whose referral date is in the period (from/to), by the month of the referral; entered in error counts nowhere. Figures only, no personal details. ' +
          'The programme’s report readers may read any organisation’s; a partner agency’s user only their own organisation’s.',
        params: organisationParams,
        querystring: periodQuerySchema,
        response: { 200: agencyFeedbackJson, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const organisation = await feedbackOrganisation(ctx, request.params.organisationId);
      return agencyFeedbackToJson(await computed(ctx, organisation, request.query));
    },
  );
}
