import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import { loadFilterOptions } from '../reports/filter-options.ts';
import { FUNDER_RETURNS_PATH, templateFormPage, templateValues } from './page.ts';
import { periodKindLabel } from './periods.ts';
import { listReturns } from './returns.ts';
import { templateChangeForm, templateForm } from './schemas.ts';
import { createTemplate, getTemplate, listTemplates, templateProblems, updateTemplate, type Template } from './templates.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
export const templateParams = z.object({ templateId: z.uuid() });
const ORDER = ['name', 'funder', 'periodKind', 'prisonIds', 'areaIds', 'ageBands', 'sentenceMinMonths', 'sentenceMaxMonths', 'figures', 'active'];

async function renderForm(request: FastifyRequest, reply: FastifyReply, props: { form: FormState; status: number; template?: Template }) {
  const options = await loadFilterOptions(ctxOf(request));
  return reply.code(props.status).view('funder-returns/views/template-form.njk', templateFormPage({ ...props, options }));
}

/** The list of templates and returns (managers and administrators), and the template pages (administrators). */
export function templateRoutes(app: FastifyInstance) {
  app.get(FUNDER_RETURNS_PATH, { config: { access: 'funderReturns.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const [templates, returns] = await Promise.all([listTemplates(ctx), listReturns(ctx)]);
    return reply.view('funder-returns/views/index.njk', {
      pageTitle: 'Funder returns',
      templates: templates.map((template) => ({ ...template, periodKindLabel: periodKindLabel(template.periodKind) })),
      returns: returns.map((one) => ({ ...one, template: one.scope.template })),
      canKeepTemplates: can(ctx.actor, 'funderReturns.templates'),
      canProduce: can(ctx.actor, 'funderReturns.produce'),
    });
  });

  app.get(`${FUNDER_RETURNS_PATH}/templates/new`, { config: { access: 'funderReturns.templates' } }, (request, reply) =>
    renderForm(request, reply, { form: formState({}), status: 200 }),
  );

  app.post(`${FUNDER_RETURNS_PATH}/templates/new`, { config: { access: 'funderReturns.templates' } }, (request, reply) =>
    submitForm({
      request,
      reply,
      schema: templateForm,
      order: ORDER,
      render: (form, status) => renderForm(request, reply, { form, status }),
      check: (input) => templateProblems(ctxOf(request), input),
      work: async (input) => {
        await createTemplate(ctxOf(request), input);
        return { redirectTo: FUNDER_RETURNS_PATH, success: `Return template “${input.name}” added` };
      },
    }),
  );

  app.get(`${FUNDER_RETURNS_PATH}/templates/:templateId`, { config: { access: 'funderReturns.templates' }, schema: { params: templateParams } }, async (request, reply) => {
    const template = await getTemplate(ctxOf(request), templateParams.parse(request.params).templateId);
    return renderForm(request, reply, { form: formState(templateValues(template)), status: 200, template });
  });

  app.post(`${FUNDER_RETURNS_PATH}/templates/:templateId`, { config: { access: 'funderReturns.templates' }, schema: { params: templateParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const template = await getTemplate(ctx, templateParams.parse(request.params).templateId);
    return submitForm({
      request,
      reply,
      schema: templateChangeForm,
      order: ORDER,
      render: (form, status) => renderForm(request, reply, { form, status, template }),
      check: (input) => templateProblems(ctx, input, template.id),
      work: async ({ version, ...input }) => {
        const saved = await updateTemplate(ctx, { id: template.id, version, input });
        return { redirectTo: FUNDER_RETURNS_PATH, success: `Changes to “${saved.name}” saved` };
      },
    });
  });
}
