import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import type { Services } from '../../services.ts';
import { createBodySchema, formSchema, recordJsonSchema, REFERENCE_KINDS, updateBodySchema, type ReferenceKind, type ReferenceValues } from './kinds.ts';
import { referenceDownload } from './download.ts';
import { createReference, extraValues, getReference, listReference, updateReference, type ReferenceRecord } from './service.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const idParams = z.object({ id: z.uuid() });
const areaKind = REFERENCE_KINDS.find((kind) => kind.table === 'area') as ReferenceKind;

export function referenceRoutes(app: FastifyInstance, _services: Services) {
  app.get('/admin/reference', { config: { access: 'reference.read' } }, async (request, reply) => {
    const kinds = await Promise.all(
      REFERENCE_KINDS.map(async (kind) => ({ ...kind, count: (await listReference({ ctx: ctxOf(request), kind, activeOnly: true })).length })),
    );
    return reply.view('reference/views/index.njk', { pageTitle: 'Prisons, areas and teams', kinds });
  });
  for (const kind of REFERENCE_KINDS) {
    pageRoutes(app, kind);
    apiRoutes(app, kind);
  }
}

function pageRoutes(app: FastifyInstance, kind: ReferenceKind) {
  const base = `/admin/reference/${kind.slug}`;
  const form = formSchema(kind);

  app.get(base, { config: { access: 'reference.read' } }, async (request, reply) => {
    const records = await listReference({ ctx: ctxOf(request), kind });
    return reply.view('reference/views/list.njk', {
      pageTitle: kind.plural,
      kind,
      base,
      records: records.map((record) => ({ ...record, extras: extraValues(kind, record) })),
      canManage: can(request.ctx.actor, 'reference.manage'),
      downloads: downloadLinks({ path: base }),
    });
  });

  downloadRoutes(app, { path: base, access: 'reference.read', build: (request) => referenceDownload({ ctx: ctxOf(request), kind }) });

  app.get(`${base}/new`, { config: { access: 'reference.manage' } }, async (request, reply) =>
    renderForm(request, reply, { kind, base, form: formState({ active: 'yes' }), status: 200 }),
  );

  app.post(base, { config: { access: 'reference.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: form,
      render: (state, status) => renderForm(request, reply, { kind, base, form: state, status }),
      work: async (values) => {
        const record = await createReference({ ctx: ctxOf(request), kind, values: values as ReferenceValues });
        return { redirectTo: base, success: `${record.name} added` };
      },
    }),
  );

  app.get(`${base}/:id`, { config: { access: 'reference.manage' }, schema: { params: idParams } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const record = await getReference({ ctx: ctxOf(request), kind, id });
    return renderForm(request, reply, { kind, base, record, form: formState(valuesOf(kind, record)), status: 200 });
  });

  app.post(`${base}/:id`, { config: { access: 'reference.manage' }, schema: { params: idParams } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const record = await getReference({ ctx: ctxOf(request), kind, id, audited: false });
    return submitForm({
      request,
      reply,
      schema: form,
      render: (state, status) => renderForm(request, reply, { kind, base, record, form: state, status }),
      work: async ({ version, ...values }) => {
        const saved = await updateReference({ ctx: ctxOf(request), kind, id, version: version ?? 0, values: values as ReferenceValues });
        return { redirectTo: base, success: `Changes to ${saved.name} saved` };
      },
    });
  });
}

function apiRoutes(app: FastifyInstance, kind: ReferenceKind) {
  const api = apiOf(app);
  const base = `/api/v1/${kind.slug}`;
  const json = recordJsonSchema(kind);
  const tags = [kind.plural];

  api.get(base, {
    config: { access: 'reference.read' },
    schema: { tags, summary: `List ${kind.plural.toLowerCase()}`, response: { 200: z.object({ items: z.array(json) }), ...problemResponses } },
  }, async (request) => ({ items: (await listReference({ ctx: ctxOf(request), kind })).map((record) => toJson(kind, record)) }));

  api.post(base, {
    config: { access: 'reference.manage' },
    schema: { tags, summary: `Add a ${kind.singular}`, body: createBodySchema(kind), response: { 201: json, ...problemResponses } },
  }, async (request, reply) => {
    const record = await createReference({ ctx: ctxOf(request), kind, values: request.body as ReferenceValues });
    return reply.code(201).send(toJson(kind, record));
  });

  api.get(`${base}/:id`, {
    config: { access: 'reference.read' },
    schema: { tags, summary: `Get a ${kind.singular}`, params: idParams, response: { 200: json, ...problemResponses } },
  }, async (request) => toJson(kind, await getReference({ ctx: ctxOf(request), kind, id: request.params.id })));

  api.patch(`${base}/:id`, {
    config: { access: 'reference.manage' },
    schema: { tags, summary: `Change a ${kind.singular}`, params: idParams, body: updateBodySchema(kind), response: { 200: json, ...problemResponses } },
  }, async (request) => {
    const { version, ...values } = request.body as { version: number } & Partial<ReferenceValues>;
    return toJson(kind, await updateReference({ ctx: ctxOf(request), kind, id: request.params.id, version, values }));
  });
}

function toJson(kind: ReferenceKind, record: ReferenceRecord) {
  return {
    id: record.id,
    name: record.name,
    ...Object.fromEntries(kind.extra.map((field) => [field.key, record[field.key] ?? null])),
    ...(kind.extra.some((field) => field.type === 'area') ? { areaName: record.areaName ?? null } : {}),
    active: record.active,
    version: record.version,
  };
}

function valuesOf(kind: ReferenceKind, record: ReferenceRecord) {
  return {
    name: record.name,
    ...Object.fromEntries(kind.extra.map((field) => [field.key, record[field.key] ?? ''])),
    active: record.active ? 'yes' : '',
    version: record.version,
  };
}

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  props: { kind: ReferenceKind; base: string; record?: ReferenceRecord; form: FormState; status: number },
) {
  const needsAreas = props.kind.extra.some((field) => field.type === 'area');
  const areas = needsAreas ? await listReference({ ctx: ctxOf(request), kind: areaKind, activeOnly: true }) : [];
  return reply.code(props.status).view('reference/views/form.njk', {
    pageTitle: props.record ? `Change ${props.record.name}` : `Add a ${props.kind.singular}`,
    ...props,
    areaItems: areas.map((area) => ({ value: area.id, text: area.name, selected: area.id === props.form.values.areaId })),
  });
}
