import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { gatherDateParts } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Action } from '../auth/policy.ts';
import { auditFamily } from './audit.ts';
import { familyRecord, type FamilyRecordKind, type RecordRow } from './records.ts';
import { loadFamily, type FamilyRow } from './store.ts';

export const familyParams = z.object({ familyId: z.uuid() });
const recordParams = familyParams.extend({ recordId: z.uuid() });
export const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
export const familyHref = (familyId: string, anchor?: string) => `/families/${familyId}${anchor ? `#${anchor}` : ''}`;

/** Registers a form page about one family at /families/:familyId/<path>: GET shows it, POST submits it. */
export function familyRoute(
  app: FastifyInstance,
  path: string,
  params: z.ZodObject,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
  access: Action = 'families.write',
) {
  app.route({ method: ['GET', 'POST'], url: `/families/:familyId/${path}`, config: { access }, schema: { params }, handler });
}

/**
 * Registers a form page about one record of a family, at /families/:familyId/<kind>/:recordId<tail>:
 * the handler has the record (refused once in error), for someone who may write the family.
 */
export function familyRecordRoute<K extends FamilyRecordKind>(
  app: FastifyInstance,
  kind: K,
  tail: string,
  handler: (request: FastifyRequest, reply: FastifyReply, found: { ctx: SignedInCtx; familyId: string; recordId: string; family: FamilyRow; row: RecordRow<K> }) => Promise<FastifyReply>,
) {
  familyRoute(app, `${kind}/:recordId${tail}`, recordParams, async (request, reply) => {
    const ctx = ctxOf(request);
    const { familyId, recordId } = recordParams.parse(request.params);
    return handler(request, reply, { ctx, familyId, recordId, ...(await familyRecord(ctx, { familyId, kind, recordId })) });
  });
}

/**
 * The shared shape of every form about one family: the family (for someone who may write it), its
 * name and any safeguarding warning above the form, the schema's validation (GOV.UK dates gathered
 * first) with the work's own checks, then back to the family's page with a banner.
 */
export async function familyFormPage<S extends z.ZodType>(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  template: string;
  title: string;
  schema: S;
  dates?: string[];
  /** The form's values on GET. */
  values?: Record<string, unknown> | ((family: FamilyRow) => Promise<Record<string, unknown>> | Record<string, unknown>);
  view?: (values: Record<string, unknown>, family: FamilyRow) => Promise<Record<string, unknown>> | Record<string, unknown>;
  check?: (data: Partial<z.output<S>>, family: FamilyRow) => Promise<FieldProblem[]>;
  work: (data: z.output<S>, family: FamilyRow) => Promise<string | { success: string; redirectTo: string }>;
  anchor?: string;
  order?: readonly string[];
  /** The family, when the caller has already loaded it. */
  family?: FamilyRow;
}) {
  const { request, reply } = props;
  const ctx = ctxOf(request);
  const { familyId } = familyParams.parse(request.params);
  const family = props.family ?? (await loadFamily(ctx, familyId, 'families.write'));
  const backHref = familyHref(family.id, props.anchor);
  const render = async (form: FormState, status: number) =>
    renderFamilyForm(request, reply, { family, template: props.template, title: props.title, form, status, anchor: props.anchor, view: await props.view?.(form.values, family) });
  if (request.method === 'GET') return render(formState((typeof props.values === 'function' ? await props.values(family) : props.values) ?? {}), 200);
  return submitForm({
    request: { ...request, body: gatherDateParts(request.body, props.dates ?? []) } as FastifyRequest,
    reply,
    schema: props.schema,
    render,
    order: props.order,
    check: props.check && ((data) => props.check?.(data, family) ?? Promise.resolve([])),
    work: async (data) => {
      const done = await props.work(data, family);
      return typeof done === 'string' ? { success: done, redirectTo: backHref } : done;
    },
  });
}

/** Shows a form about a family (audited as a read of the family: the page names it and shows its safeguarding note). */
export async function renderFamilyForm(
  request: FastifyRequest,
  reply: FastifyReply,
  props: { family: FamilyRow; template: string; title: string; form: FormState; status: number; anchor?: string; view?: Record<string, unknown> },
) {
  const { family } = props;
  await auditFamily(ctxOf(request), family.id, { action: 'read', recordType: 'family', recordId: family.id, detail: { view: 'form' } });
  return reply.code(props.status).view(props.template, {
    pageTitle: props.title,
    family: { id: family.id, name: family.name, safeguarding: family.safeguarding, safeguardingNote: family.safeguarding_note },
    form: props.form,
    backHref: familyHref(family.id, props.anchor),
    action: request.url.split('?')[0],
    ...props.view,
  });
}
