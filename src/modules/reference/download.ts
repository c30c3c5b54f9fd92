import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import type { Download } from '../../http/downloads.ts';
import { audit } from '../audit/record.ts';
import type { ReferenceKind } from './kinds.ts';
import { extraValues, listReference } from './service.ts';

/** A kind's list as its page shows it, in use first: name, the kind's own fields, and whether it is in use. */
export async function referenceDownload(props: { ctx: SignedInCtx; kind: ReferenceKind }): Promise<Download> {
  const { ctx, kind } = props;
  const records = await listReference({ ctx, kind });
  await audit(ctx, { action: 'export', recordType: kind.table, detail: { count: records.length } });
  const header = ['Name', ...kind.extra.map((field) => field.label), 'Status'];
  const rows = records.map((record) => [record.name, ...extraValues(kind, record), record.active ? 'In use' : 'Not in use']);
  return { filename: `${kind.slug}-${today(ctx.actor.timeZone)}`, tables: [{ title: kind.plural, rows: [header, ...rows] }] };
}
