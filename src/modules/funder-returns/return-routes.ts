import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatMoment, sortableMoment } from '../../http/dates.ts';
import { downloadLinks, downloadRoutes, fileWords, type DownloadFormat } from '../../http/downloads.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { CHANGES_IN_WORDS } from './changes.ts';
import { FUNDER_RETURNS_PATH } from './page.ts';
import { periodChosen, produceReturn } from './produce.ts';
import { recentPeriods } from './periods.ts';
import { getReturn, latestReturnsOf, type StoredReturn } from './returns.ts';
import { produceForm } from './schemas.ts';
import { changeRows, comparedFigures, returnRows, valueText, yearOnYear, yearOnYearRows } from './tables.ts';
import { getTemplate, type Template } from './templates.ts';
import { templateParams } from './template-routes.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const returnParams = z.object({ returnId: z.uuid() });

/** A stored return and the one it follows (both as stored). */
async function withPrevious(ctx: SignedInCtx, id: string) {
  const stored = await getReturn(ctx, id);
  const previous = stored.previousId ? await getReturn(ctx, stored.previousId) : null;
  return { stored, previous };
}

/** What the produce page offers: the template's recent periods, each saying whether a return exists for it. */
async function producePage(ctx: SignedInCtx, template: Template, form: FormState) {
  const latest = await latestReturnsOf(ctx, template.id);
  const periods = recentPeriods(template.periodKind, today(ctx.actor.timeZone)).map((period) => ({
    period,
    produced: latest.find((one) => one.periodFrom === period.from && one.periodTo === period.to),
  }));
  return {
    pageTitle: `Produce a return: ${template.name}`,
    template,
    form,
    periods: periods.map(({ period, produced }) => ({
      value: period.from,
      text: period.label,
      hint: produced ? { text: `Produced ${formatMoment(produced.producedAt, ctx.actor.timeZone)}: a reason is needed to produce it again` } : undefined,
      checked: form.values.period === period.from,
    })),
  };
}

function returnFile(stored: StoredReturn, previous: StoredReturn | null, format: DownloadFormat, timeZone: string) {
  const facts = [
    { label: 'Funder', value: stored.scope.funder },
    { label: 'Template', value: stored.scope.template },
    { label: 'Period', value: stored.periodLabel },
    { label: 'Produced', value: sortableMoment(stored.producedAt, timeZone) },
    { label: 'Produced by', value: stored.producedBy },
    ...stored.scope.rules.map((rule) => ({ label: 'What the funder funds', value: rule })),
    ...(stored.reason ? [{ label: 'Produced again because', value: stored.reason }] : []),
  ];
  const tables = [{ title: 'Figures', rows: returnRows(stored, previous?.figures ?? null) }];
  if (format === 'xlsx' && stored.changes) tables.push({ title: 'What changed', rows: changeRows(stored) });
  return { filename: ['funder-return', fileWords(stored.scope.template), fileWords(stored.periodLabel)].join('-'), tables, about: { title: `Funder return: ${stored.scope.template}, ${stored.periodLabel}`, facts } };
}

/** Producing a return (managers), a stored return and year on year (managers and administrators), with their downloads. */
export function returnRoutes(app: FastifyInstance) {
  const produce = `${FUNDER_RETURNS_PATH}/templates/:templateId/produce`;
  app.get(produce, { config: { access: 'funderReturns.produce' }, schema: { params: templateParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const template = await getTemplate(ctx, templateParams.parse(request.params).templateId);
    return reply.view('funder-returns/views/produce.njk', await producePage(ctx, template, formState({})));
  });

  app.post(produce, { config: { access: 'funderReturns.produce' }, schema: { params: templateParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const template = await getTemplate(ctx, templateParams.parse(request.params).templateId);
    const now = today(ctx.actor.timeZone);
    return submitForm({
      request,
      reply,
      schema: produceForm,
      render: async (form, status) => reply.code(status).view('funder-returns/views/produce.njk', await producePage(ctx, template, form)),
      check: async (input) => (input.period === undefined || periodChosen(template, input.period, now) ? [] : [{ field: 'period', message: 'Select one of the periods listed' }]),
      work: async (input) => {
        const period = periodChosen(template, input.period, now);
        if (!period) throw new Error('The period was checked');
        const { id } = await produceReturn(ctx, { templateId: template.id, period, reason: input.reason });
        return { redirectTo: `${FUNDER_RETURNS_PATH}/${id}`, success: `Return for ${period.label} produced and stored` };
      },
    });
  });

  app.get(`${FUNDER_RETURNS_PATH}/:returnId`, { config: { access: 'funderReturns.read' }, schema: { params: returnParams } }, async (request, reply) => {
    const { stored, previous } = await withPrevious(ctxOf(request), returnParams.parse(request.params).returnId);
    return reply.view('funder-returns/views/return.njk', {
      pageTitle: `${stored.scope.template}: ${stored.periodLabel}`,
      stored,
      previous,
      figures: stored.figures.map((figure) => ({ ...figure, text: valueText(figure.value) })),
      compared: previous ? comparedFigures(stored.figures, previous.figures).map((row) => ({ ...row, beforeText: valueText(row.before?.value), nowText: valueText(row.figure.value) })) : [],
      changesInWords: CHANGES_IN_WORDS,
      downloads: downloadLinks({ path: `${FUNDER_RETURNS_PATH}/${stored.id}` }),
    });
  });

  downloadRoutes(app, {
    path: `${FUNDER_RETURNS_PATH}/:returnId`,
    access: 'funderReturns.read',
    build: async (request, format) => {
      const ctx = ctxOf(request);
      const { stored, previous } = await withPrevious(ctx, returnParams.parse(request.params).returnId);
      await audit(ctx, { action: 'export', recordType: 'funder_return', recordId: stored.id, detail: { format } });
      return returnFile(stored, previous, format, ctx.actor.timeZone);
    },
  });

  const yearOnYearPath = `${FUNDER_RETURNS_PATH}/templates/:templateId/year-on-year`;
  const loadYearOnYear = async (request: FastifyRequest) => {
    const ctx = ctxOf(request);
    const template = await getTemplate(ctx, templateParams.parse(request.params).templateId);
    return { template, table: yearOnYear(template, await latestReturnsOf(ctx, template.id)) };
  };
  app.get(yearOnYearPath, { config: { access: 'funderReturns.read' }, schema: { params: templateParams } }, async (request, reply) => {
    const { template, table } = await loadYearOnYear(request);
    return reply.view('funder-returns/views/year-on-year.njk', {
      pageTitle: `Year on year: ${template.name}`,
      template,
      years: table.years,
      slots: table.slots.map((slot) => ({ ...slot, rows: slot.rows.map((row) => ({ ...row, texts: row.values.map((value) => valueText(value)) })) })),
      downloads: downloadLinks({ path: `${FUNDER_RETURNS_PATH}/templates/${template.id}/year-on-year` }),
    });
  });
  downloadRoutes(app, {
    path: yearOnYearPath,
    access: 'funderReturns.read',
    build: async (request, format) => {
      const { template, table } = await loadYearOnYear(request);
      await audit(ctxOf(request), { action: 'export', recordType: 'funder_template', recordId: template.id, detail: { table: 'year-on-year', format } });
      const about = { title: `Funder returns year on year: ${template.name}`, facts: [{ label: 'Funder', value: template.funder }, { label: 'Template', value: template.name }] };
      return { filename: ['funder-returns-year-on-year', fileWords(template.name)].join('-'), tables: [{ title: 'Year on year', rows: yearOnYearRows(table) }], about };
    },
  });
}
