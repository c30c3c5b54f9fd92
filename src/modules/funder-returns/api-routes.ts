import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { FIGURE_CODES, FIGURE_REPORTS } from './figures.ts';
import { PERIOD_KIND_CODES } from './periods.ts';
import { getReturn, listReturns, type StoredReturn } from './returns.ts';

const tags = ['Reports'];
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const API_PATH = '/api/v1/reports/funder-returns';

const summary = z.object({
  id: z.uuid(),
  templateId: z.uuid(),
  template: z.string().describe('The template’s name when the return was produced'),
  funder: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  periodLabel: z.string().describe('"Q1 2026/27", "2026/27" or "April 2026"'),
  producedAt: z.string().describe('When it was produced (ISO 8601)'),
  producedBy: z.string(),
  previousId: z.uuid().nullable().describe('The return for the same period this one follows'),
  followedById: z.uuid().nullable().describe('The return produced again after this one, if any'),
  links: z.object({ self: z.string(), page: z.string(), csv: z.string(), xlsx: z.string() }),
});

const value = z.object({ count: z.number().int(), of: z.number().int().nullable(), percent: z.number().nullable(), note: z.string().optional() });
const detail = summary.extend({
  reason: z.string().nullable().describe('Why it was produced again (null for the first)'),
  scope: z.object({
    funder: z.string(),
    template: z.string(),
    periodKind: z.enum(PERIOD_KIND_CODES),
    prisons: z.array(z.string()),
    areas: z.array(z.string()),
    ageBands: z.array(z.object({ code: z.string(), label: z.string() })),
    sentenceMinMonths: z.number().nullable(),
    sentenceMaxMonths: z.number().nullable(),
    rules: z.array(z.string()),
  }),
  figures: z.array(
    z.object({
      code: z.string().describe(`A code of the figure catalogue: ${FIGURE_CODES.join(', ')}`),
      report: z.enum(Object.keys(FIGURE_REPORTS) as [keyof typeof FIGURE_REPORTS]),
      reportLabel: z.string(),
      label: z.string(),
      definition: z.string(),
      value,
    }),
  ),
  changes: z
    .object({ since: z.string(), items: z.array(z.object({ code: z.string(), label: z.string(), count: z.number().int() })) })
    .nullable()
    .describe('For a return produced again: what changed in the records it counts since the one it follows'),
});

const summaryOf = (one: StoredReturn) => ({
  id: one.id,
  templateId: one.templateId,
  template: one.scope.template,
  funder: one.scope.funder,
  periodFrom: one.periodFrom,
  periodTo: one.periodTo,
  periodLabel: one.periodLabel,
  producedAt: one.producedAt.toISOString(),
  producedBy: one.producedBy,
  previousId: one.previousId,
  followedById: one.followedById,
  links: { self: `${API_PATH}/${one.id}`, page: `/funder-returns/${one.id}`, csv: `/funder-returns/${one.id}.csv`, xlsx: `/funder-returns/${one.id}.xlsx` },
});

/** The returns produced, and one as stored (managers and administrators). */
export function funderReturnApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  api.get(
    API_PATH,
    {
      config: { access: 'funderReturns.read' },
      schema: { tags, summary: 'Funder returns produced, the latest first, with links', response: { 200: z.object({ items: z.array(summary) }), ...problemResponses } },
    },
    async (request) => ({ items: (await listReturns(ctxOf(request))).map(summaryOf) }),
  );
  api.get(
    `${API_PATH}/:returnId`,
    {
      config: { access: 'funderReturns.read' },
      schema: {
        tags,
        summary: 'One funder return exactly as stored: its figures with their definitions, what it covered, who produced it and when',
        params: z.object({ returnId: z.uuid() }),
        response: { 200: detail, ...problemResponses },
      },
    },
    async (request) => {
      const one = await getReturn(ctxOf(request), request.params.returnId);
      return { ...summaryOf(one), reason: one.reason, scope: one.scope, figures: one.figures, changes: one.changes };
    },
  );
}
