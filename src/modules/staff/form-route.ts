import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { gatherDateParts } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { enteredInErrorForm } from '../casework/correction-routes.ts';
import { kindOf, STAFF_RECORD_KINDS, type StaffRecordKind, type StaffRecordRow } from './kinds.ts';
import { staffMember, type StaffMember } from './member.ts';
import { addStaffRecord, correctStaffRecord, markStaffRecordInError, staffRecord } from './records.ts';

export const memberParams = z.object({ userId: z.uuid() });
const recordParams = memberParams.extend({ recordId: z.uuid() });
export const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const staffHref = (userId: string, anchor?: string) => `/staff/${userId}${anchor ? `#${anchor}` : ''}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One form about a worker's staff record, for those who keep it: the worker's name above it, the
 * schema's checks (GOV.UK dates gathered first) with the kind's own, then back to their record with
 * a banner. Showing it is audited as a read of the worker's record (the page names them).
 */
async function staffFormPage(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  member: StaffMember;
  kind: StaffRecordKind;
  template: string;
  title: string;
  schema: z.ZodType;
  dates?: string[];
  values: Record<string, unknown>;
  view?: (values: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;
  check?: (data: Record<string, unknown>) => Promise<FieldProblem[]>;
  work: (data: Record<string, unknown>) => Promise<string>;
}) {
  const { request, reply, member } = props;
  const ctx = ctxOf(request);
  const render = async (form: FormState, status: number) => {
    await audit(ctx, { action: 'read', recordType: 'staff', recordId: member.id, detail: { view: 'form' } });
    return reply.code(status).view(props.template, {
      pageTitle: props.title,
      member: { id: member.id, name: member.name },
      kind: props.kind,
      form,
      version: form.values.version,
      backHref: staffHref(member.id, props.kind),
      action: request.url.split('?')[0],
      ...(await props.view?.(form.values)),
    });
  };
  if (request.method === 'GET') return render(formState(props.values), 200);
  return submitForm({
    request: { ...request, body: gatherDateParts(request.body, props.dates ?? []) } as FastifyRequest,
    reply,
    schema: props.schema,
    render,
    check: props.check,
    work: async (data) => ({ success: await props.work(data as Record<string, unknown>), redirectTo: staffHref(member.id, props.kind) }),
  });
}

const route = (app: FastifyInstance, path: string, params: z.ZodObject, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
  app.route({ method: ['GET', 'POST'], url: `/staff/:userId/${path}`, config: { access: 'staff.keep' }, schema: { params }, handler });

/** Adding, correcting and marking in error one kind of a worker's staff record. */
function kindRoutes(app: FastifyInstance, kind: StaffRecordKind) {
  const def = kindOf(kind);
  const form = { kind, template: 'staff/views/record-form.njk', schema: def.schema, dates: def.dates };
  const formFor = (request: FastifyRequest, kept?: StaffRecordRow) => ({
    view: (values: Record<string, unknown>) => def.choices(ctxOf(request), values),
    check: (data: Record<string, unknown>) => def.check(ctxOf(request), data, kept),
  });

  route(app, `${kind}/new`, memberParams, async (request, reply) => {
    const ctx = ctxOf(request);
    const member = await staffMember(ctx, memberParams.parse(request.params).userId, 'staff.keep');
    return staffFormPage({
      request, reply, member, ...form, ...formFor(request),
      title: `Add ${kind === 'training' ? 'training' : `a ${def.what}`}`,
      values: {},
      work: async (data) => {
        await addStaffRecord(ctx, { userId: member.id, kind, columns: def.columns(data) });
        return `${capitalised(def.what)} added`;
      },
    });
  });

  route(app, `${kind}/:recordId`, recordParams, async (request, reply) => {
    const ctx = ctxOf(request);
    const { userId, recordId } = recordParams.parse(request.params);
    const { member, row } = await staffRecord(ctx, { userId, kind, recordId });
    return staffFormPage({
      request, reply, member, ...form, ...formFor(request, row),
      title: `Correct the ${def.what}`,
      values: { ...def.values(row), version: row.version },
      view: async (values) => ({ ...(await def.choices(ctx, values)), buttonText: 'Save correction' }),
      work: async (data) => {
        const changed = await correctStaffRecord(ctx, { userId, kind, recordId, version: Number(data.version ?? 0), columns: def.columns(data) });
        return changed.length > 0 ? `${capitalised(def.what)} corrected` : 'Nothing was changed';
      },
    });
  });

  route(app, `${kind}/:recordId/entered-in-error`, recordParams, async (request, reply) => {
    const ctx = ctxOf(request);
    const { userId, recordId } = recordParams.parse(request.params);
    const { member, row } = await staffRecord(ctx, { userId, kind, recordId });
    return staffFormPage({
      request, reply, member, kind,
      template: 'staff/views/entered-in-error.njk',
      title: `Mark this ${def.what} as entered in error`,
      schema: enteredInErrorForm,
      values: { version: row.version },
      view: async () => ({ recordSummary: await def.summary(ctx, row) }),
      work: async (data) => {
        await markStaffRecordInError(ctx, { userId, kind, recordId, version: Number(data.version), reason: String(data.reason) });
        return `The ${def.what} is marked as entered in error`;
      },
    });
  });
}

/** The forms of every kind of staff record. */
export function staffRecordFormRoutes(app: FastifyInstance) {
  for (const kind of STAFF_RECORD_KINDS) kindRoutes(app, kind);
}
