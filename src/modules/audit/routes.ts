import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import type { Services } from '../../services.ts';
import { AUDIT_LOG_PATH, auditLogDownload } from './download.ts';
import { eventNames } from './event-names.ts';
import { auditChoicesInWords, eventInWords } from './page.ts';
import { audit } from './record.ts';
import { auditFilterChoices, auditFilterSchema, listAuditEvents, readAuditQuery } from './queries.ts';

const eventJson = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime(),
  actorUserId: z.uuid().nullable(),
  actor: z.string(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  address: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export function auditRoutes(app: FastifyInstance, _services: Services) {
  app.get(AUDIT_LOG_PATH, { config: { access: 'audit.read' } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const { values, form, filter } = readAuditQuery(request.query);
    const choices = auditChoicesInWords(await auditFilterChoices(ctx));
    const view = { pageTitle: 'Audit log', choices, form };
    if (!filter) return reply.code(400).view('audit/views/list.njk', { ...view, events: [] });
    const { events, nextBefore } = await listAuditEvents({ ctx, filter });
    const names = await eventNames(ctx, events);
    // A person's name shows only to a viewer who may see them, and is then audited as any list of people is.
    if (names.shownPersonIds.length > 0) await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'audit-log', personIds: names.shownPersonIds } });
    const next = nextBefore ? `?${new URLSearchParams({ ...(values as Record<string, string>), before: String(nextBefore) })}` : null;
    // The downloads hold every event the filters match, newest first: not this page's fifty.
    const downloads = downloadLinks({ path: AUDIT_LOG_PATH, query: { ...values, before: undefined } });
    return reply.view('audit/views/list.njk', { ...view, events: events.map((event) => eventInWords(event, names.of(event))), next, downloads });
  });

  downloadRoutes(app, {
    path: AUDIT_LOG_PATH,
    access: 'audit.read',
    build: (request) => auditLogDownload({ ctx: request.ctx as SignedInCtx, query: request.query }),
  });

  apiOf(app).get('/api/v1/audit-events', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['Audit'],
      summary: 'Read the audit log, newest first',
      description: 'Fifty events a page; pass `before` (the `nextBefore` of the previous page) for older events.',
      querystring: auditFilterSchema,
      response: { 200: z.object({ events: z.array(eventJson), nextBefore: z.number().int().nullable() }), ...problemResponses },
    },
  }, async (request) => {
    const { events, nextBefore } = await listAuditEvents({ ctx: request.ctx as SignedInCtx, filter: request.query });
    return {
      events: events.map((event) => ({
        id: event.id,
        occurredAt: event.occurred_at.toISOString(),
        actorUserId: event.actor_user_id,
        actor: event.actor_label,
        action: event.action,
        recordType: event.record_type,
        recordId: event.record_id,
        address: event.address,
        requestId: event.request_id,
        detail: (event.detail as Record<string, unknown> | null) ?? null,
      })),
      nextBefore: nextBefore ?? null,
    };
  });
}
