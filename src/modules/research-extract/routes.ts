import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { readPeriodForm, today } from '../../http/date-fields.ts';
import { downloadLinks, downloadRoutes, formProblems, periodParts, type DownloadFormat } from '../../http/downloads.ts';
import type { Services } from '../../services.ts';
import { audit } from '../audit/record.ts';
import { researchRows } from './extract.ts';

export const RESEARCH_PATH = '/reports/research-extract';
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** The research extract: a page saying what it holds, with a period, and its CSV and XLSX downloads (analysts and managers). */
export function researchExtractRoutes(app: FastifyInstance, services: Services) {
  app.get(RESEARCH_PATH, { config: { access: 'exports.research' } }, async (request, reply) => {
    const { form, ok } = readPeriodForm(request.query);
    return reply.code(ok ? 200 : 400).view('research-extract/views/research-extract.njk', {
      pageTitle: 'Research extract',
      action: RESEARCH_PATH,
      form,
      downloads: ok ? downloadLinks({ path: RESEARCH_PATH, query: form.values }) : null,
    });
  });

  downloadRoutes(app, {
    path: RESEARCH_PATH,
    access: 'exports.research',
    build: async (request, format: DownloadFormat) => {
      const ctx = ctxOf(request);
      const parsed = readPeriodForm(request.query);
      if (!parsed.ok) throw formProblems(parsed.form);
      const { period } = parsed;
      const rows = await researchRows({ ctx, key: services.config.researchPseudonymKey, period });
      await audit(ctx, { action: 'export', recordType: 'report', detail: { report: 'research-extract', format, filter: period, count: rows.length - 1 } });
      return {
        filename: ['research-extract', ...periodParts(period), today(ctx.actor.timeZone)].join('-'),
        tables: [{ title: 'Sign-ups', rows }],
      };
    },
  });
}
