import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { endNotBeforeStart, gatherDateParts, periodForm, today } from '../../http/date-fields.ts';
import { downloadLinks, downloadRoutes, formProblems, periodParts, type DownloadFormat } from '../../http/downloads.ts';
import { formState, parseForm } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { audit } from '../audit/record.ts';
import { researchRows, type ResearchPeriod } from './extract.ts';

export const RESEARCH_PATH = '/reports/research-extract';
const PERIOD_FIELDS = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'];
const periodSchema = z.object(periodForm()).refine(...endNotBeforeStart);
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** The page's (and its downloads') period: the sign-up dates, both ends optional; the form to show it in. */
function readPeriod(query: unknown) {
  const values = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([key, value]) => PERIOD_FIELDS.includes(key) && value !== ''),
  );
  const parsed = parseForm(periodSchema, gatherDateParts(values, ['from', 'to']));
  if (!parsed.ok) return { form: { ...parsed.form, values } };
  return { form: formState(values), period: parsed.data as ResearchPeriod, values };
}

/** The research extract: a page saying what it holds, with a period, and its CSV and XLSX downloads (analysts and managers). */
export function researchExtractRoutes(app: FastifyInstance, services: Services) {
  app.get(RESEARCH_PATH, { config: { access: 'exports.research' } }, async (request, reply) => {
    const { form, period, values } = readPeriod(request.query);
    return reply.code(period ? 200 : 400).view('research-extract/views/research-extract.njk', {
      pageTitle: 'Research extract',
      action: RESEARCH_PATH,
      form,
      downloads: period ? downloadLinks({ path: RESEARCH_PATH, query: values }) : null,
    });
  });

  downloadRoutes(app, {
    path: RESEARCH_PATH,
    access: 'exports.research',
    build: async (request, format: DownloadFormat) => {
      const ctx = ctxOf(request);
      const { form, period } = readPeriod(request.query);
      if (!period) throw formProblems(form);
      const rows = await researchRows({ ctx, key: services.config.researchPseudonymKey, period });
      await audit(ctx, { action: 'export', recordType: 'report', detail: { report: 'research-extract', format, filter: period, count: rows.length - 1 } });
      return {
        filename: ['research-extract', ...periodParts(period), today(ctx.actor.timeZone)].join('-'),
        tables: [{ title: 'Sign-ups', rows }],
      };
    },
  });
}
