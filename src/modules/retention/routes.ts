import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { retentionPage } from './page.ts';
import { getRetentionRules, rulesForm, saveRetentionRules } from './rules.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const pageQuery = z.object({
  page: z.coerce
    .number({ error: 'Page must be a whole number' })
    .int('Page must be a whole number')
    .min(1, 'Page must be 1 or more')
    .max(100000, 'Page must be 100,000 or less')
    .default(1),
});
const VIEW = 'retention/views/retention.njk';

/** Retention (administrators): the rules, and what falls due and when. Deleting runs from the command line (`throughcare retention`). */
export function retentionRoutes(app: FastifyInstance, _services: Services) {
  const render = async (request: FastifyRequest, props: { form?: FormState; page?: number; queryProblem?: string }) => {
    const ctx = ctxOf(request);
    const found = await retentionPage(ctx, props.page ?? 1);
    const { rules } = found;
    const form =
      props.form ??
      formState(
        { personYears: rules.personYears, evidenceMonths: rules.evidenceMonths, statistics: rules.statistics, version: rules.version },
        props.queryProblem ? [{ field: 'page', message: props.queryProblem }] : [],
      );
    return { pageTitle: 'Retention', ...found, form };
  };

  app.get('/admin/retention', { config: { access: 'retention.manage' } }, async (request, reply) => {
    const parsed = pageQuery.safeParse(request.query ?? {});
    if (!parsed.success) return reply.code(400).view(VIEW, await render(request, { queryProblem: parsed.error.issues[0]?.message ?? 'Check the page' }));
    return reply.view(VIEW, await render(request, { page: parsed.data.page }));
  });

  app.post('/admin/retention', { config: { access: 'retention.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: rulesForm,
      render: async (form, status) => {
        // The version read stays the one submitted, so a stale page is refused again after a correction.
        const current = await getRetentionRules(ctxOf(request).db, ctxOf(request).actor.programmeId);
        const values = { statistics: [], ...form.values, version: form.values.version ?? current.version };
        return reply.code(status).view(VIEW, await render(request, { form: { ...form, values } }));
      },
      work: async (rules) => {
        await saveRetentionRules(ctxOf(request), rules);
        return { redirectTo: '/admin/retention', success: 'Retention rules saved' };
      },
    }),
  );
}
