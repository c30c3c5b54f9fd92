import type { SignedInCtx } from '../../http/context.ts';
import { sortableMoment } from '../../http/dates.ts';
import { formProblems, periodParts, type Download } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from './record.ts';
import { listAuditEvents, readAuditQuery } from './queries.ts';

export const AUDIT_LOG_PATH = '/admin/audit';

/**
 * Most events one download holds. The page shows fifty at a time; a download holds every event the
 * filters match, up to this, so that one request cannot build a file of the whole log's millions.
 */
export const AUDIT_DOWNLOAD_MAX = 100_000;

const HEADER = ['When', 'Who', 'Action', 'Record type', 'Record ID', 'From', 'Detail'];

/** The audit log as the page filters it, every matching event, newest first; the download is itself audited. */
export async function auditLogDownload(props: { ctx: SignedInCtx; query: unknown }): Promise<Download> {
  const { ctx } = props;
  const { form, filter } = readAuditQuery(props.query);
  if (!filter) throw formProblems(form);
  const filters = { ...filter, before: undefined };
  const { events, nextBefore } = await listAuditEvents({ ctx, filter: filters, limit: AUDIT_DOWNLOAD_MAX });
  if (nextBefore !== undefined) {
    const limit = AUDIT_DOWNLOAD_MAX.toLocaleString('en-GB');
    throw new ValidationError([{ field: 'from', message: `More than ${limit} events match. Choose a shorter period or more filters to download them` }]);
  }
  await audit(ctx, { action: 'export', recordType: 'audit_event', detail: { filter: filters, count: events.length } });
  const rows = events.map((event) => [
    sortableMoment(event.occurred_at, ctx.actor.timeZone),
    event.actor_label,
    event.action,
    event.record_type,
    event.record_id,
    event.address,
    event.detail ? JSON.stringify(event.detail) : null,
  ]);
  return { filename: ['audit-log', ...periodParts(filters)].join('-'), tables: [{ title: 'Audit log', rows: [HEADER, ...rows] }] };
}
