import type { SignedInCtx } from '../../http/context.ts';
import { sortableMoment } from '../../http/dates.ts';
import { fileWords, filterFact, filterFileName, formProblems, periodFact, unsetFact, type Download, type DownloadAbout } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from './record.ts';
import { actionName } from './event-words.ts';
import { listAuditEvents, readAuditQuery, type AuditFilter } from './queries.ts';
import { recordKindName } from './record-words.ts';

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
  const about = await auditDownloadAbout(ctx, filters);
  return { filename: filterFileName(['audit-log'], about), tables: [{ title: 'Audit log', rows: [HEADER, ...rows] }], about };
}

/** The period and each filter in words, for the file's "About this download" sheet and its name. */
async function auditDownloadAbout(ctx: SignedInCtx, filter: AuditFilter): Promise<DownloadAbout> {
  const who = filter.actorUserId
    ? await ctx.db.selectFrom('app_user').select('display_name').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', filter.actorUserId).executeTakeFirst()
    : undefined;
  const fact = (label: string, name: string, value: string | undefined, any: string) => (value ? filterFact({ label, name, value }) : unsetFact(label, any));
  return {
    title: 'Audit log: every event the filters match, newest first',
    facts: [
      periodFact(filter),
      fact('Who', 'who', filter.actorUserId ? (who?.display_name ?? 'a user no longer known') : undefined, 'Anyone'),
      fact('Action', 'action', filter.action ? actionName(filter.action) : undefined, 'Any action'),
      fact('Record type', 'record', filter.recordType ? recordKindName(filter.recordType) : undefined, 'Any record'),
      filter.recordId ? { label: 'Record ID', value: filter.recordId, filePart: `record-${fileWords(filter.recordId)}` } : unsetFact('Record ID', 'Any record'),
    ],
  };
}
