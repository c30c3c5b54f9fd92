import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { OUTCOME_CATEGORIES } from '../../db/schema/impact.ts';
import { choiceItems } from '../settings/lists.ts';
import { CATEGORY_LABELS, outcomeTypeForm, outcomeTypeParams, outcomeTypeUpdateForm } from './framework-schemas.ts';
import { addOutcomeType, getOutcomeType, listOutcomeTypes, updateOutcomeType, type OutcomeTypeRow } from './framework.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const BASE = '/admin/settings/outcome-types';

/** The choices of the outcome type form, with the values given chosen. */
async function formChoices(ctx: SignedInCtx, values: Record<string, unknown>) {
  const [needDomains, evidenceKinds] = await Promise.all([choiceItems(ctx, 'need_domain', values.needDomain, 'None'), choiceItems(ctx, 'evidence_kind', values.evidenceKind, 'None')]);
  return {
    categories: OUTCOME_CATEGORIES.map((value) => ({ value, text: CATEGORY_LABELS[value], selected: value === values.category })),
    hardItems: [
      { value: 'yes', text: 'Hard', hint: { text: 'Easily counted (a job, a tenancy, a service accessed): reports count it as evidence of impact' }, checked: values.hard === 'yes' },
      { value: 'no', text: 'Soft', hint: { text: 'A change in how someone is doing, better measured as distance travelled' }, checked: values.hard === 'no' },
    ],
    needDomains,
    evidenceKinds,
  };
}

/** The form's values from a stored type. */
const valuesOf = (row: OutcomeTypeRow) => ({
  label: row.label,
  category: row.category ?? 'other',
  hard: row.hard === false ? 'no' : 'yes',
  needDomain: row.needDomain ?? '',
  evidenceKind: row.evidenceKind ?? '',
  mustVerify: row.mustVerify ? 'yes' : '',
  sortOrder: row.sortOrder,
  active: row.active ? 'yes' : '',
  version: row.version,
  ruleVersion: row.ruleVersion ?? 1,
});

/** Administrators keep the outcome framework: what each outcome type counts as. */
export function frameworkRoutes(app: FastifyInstance) {
  app.get(BASE, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const types = await listOutcomeTypes(ctxOf(request));
    return reply.view('outcomes/views/framework-list.njk', { pageTitle: 'Outcome framework', types, categoryLabels: CATEGORY_LABELS });
  });

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) =>
    reply.code(status).view('outcomes/views/framework-form.njk', {
      pageTitle: 'Add an outcome type',
      form,
      action: BASE,
      ...(await formChoices(ctxOf(request), form.values)),
    });

  app.get(`${BASE}/new`, { config: { access: 'settings.manage' } }, async (request, reply) =>
    renderNew(request, reply, formState({ active: 'yes', hard: 'yes', category: 'other' }), 200),
  );

  app.post(BASE, { config: { access: 'settings.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: outcomeTypeForm,
      render: (form, status) => renderNew(request, reply, form, status),
      work: async ({ hard, ...input }) => {
        await addOutcomeType(ctxOf(request), { ...input, hard: hard === 'yes' });
        return { redirectTo: BASE, success: `${input.label} added` };
      },
    }),
  );

  const renderChange = async (request: FastifyRequest, reply: FastifyReply, type: OutcomeTypeRow, form: FormState, status: number) =>
    reply.code(status).view('outcomes/views/framework-form.njk', {
      pageTitle: `Change ${type.label}`,
      type,
      form,
      action: `${BASE}/${type.code}`,
      ...(await formChoices(ctxOf(request), form.values)),
    });

  app.get(`${BASE}/:code`, { config: { access: 'settings.manage' }, schema: { params: outcomeTypeParams } }, async (request, reply) => {
    const { code } = outcomeTypeParams.parse(request.params);
    const type = await getOutcomeType(ctxOf(request), code);
    return renderChange(request, reply, type, formState(valuesOf(type)), 200);
  });

  app.post(`${BASE}/:code`, { config: { access: 'settings.manage' }, schema: { params: outcomeTypeParams } }, async (request, reply) => {
    const { code } = outcomeTypeParams.parse(request.params);
    const type = await getOutcomeType(ctxOf(request), code);
    return submitForm({
      request,
      reply,
      schema: outcomeTypeUpdateForm,
      render: (form, status) => renderChange(request, reply, type, form, status),
      work: async ({ version, ruleVersion, hard, ...input }) => {
        await updateOutcomeType(ctxOf(request), { code, version, ruleVersion, input: { ...input, hard: hard === 'yes' } });
        return { redirectTo: BASE, success: `${input.label} saved` };
      },
    });
  });
}
