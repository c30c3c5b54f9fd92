import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import type { RowKind } from '../../db/schema.ts';
import { openSpreadsheet, type Spreadsheet } from '../../spreadsheets/spreadsheet.ts';
import { SpreadsheetError } from '../../spreadsheets/errors.ts';
import type { SpreadsheetLimits } from '../../spreadsheets/zip.ts';

/** How big an upload may be, and how much an Excel file may unpack to. */
export type ImportLimits = SpreadsheetLimits & { maxBytes: number };

/** A size as people say it: "50 MB", "200 KB". */
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`);

/** What the upload page says when a file is over the limit. */
export const tooBig = (limits: ImportLimits) => `The file must be smaller than ${sizeText(limits.maxBytes)}`;
import { audit } from '../audit/record.ts';
import { authorize } from '../../http/access.ts';
import { savableFileName } from '../../http/unsavable-text.ts';

/** An import as the wizard and the list of imports see it. */
export async function getBatch(ctx: SignedInCtx, batchId: string) {
  const batch = await ctx.db
    .selectFrom('import_batch as b')
    .innerJoin('app_user as u', 'u.id', 'b.uploaded_by')
    .leftJoin('app_user as i', 'i.id', 'b.imported_by')
    .leftJoin('app_user as d', 'd.id', 'b.undone_by')
    .select([
      'b.id',
      'b.file_name as fileName',
      'b.file_sha256 as sha256',
      'b.file_bytes as bytes',
      'b.sheet',
      'b.header_row as headerRow',
      'b.headers',
      'b.row_kind as kind',
      'b.as_at as asAt',
      'b.columns',
      'b.value_map as valueMap',
      'b.decisions',
      'b.leave_out as leaveOut',
      'b.status',
      'b.check_report as checkReport',
      'b.counts',
      'b.failure',
      'b.created_at as createdAt',
      'u.display_name as uploadedBy',
      'b.imported_at as importedAt',
      'i.display_name as importedBy',
      'b.undone_at as undoneAt',
      'd.display_name as undoneBy',
      'b.version',
      sql<boolean>`b.content is not null`.as('hasFile'),
    ])
    .where('b.id', '=', batchId)
    .where('b.programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirst();
  if (!batch) throw new NotFoundError();
  return batch;
}
export type Batch = Awaited<ReturnType<typeof getBatch>>;

/** The programme's imports, newest first. */
export function listBatches(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('import_batch as b')
    .innerJoin('app_user as u', 'u.id', 'b.uploaded_by')
    .select([
      'b.id',
      'b.file_name as fileName',
      'b.row_kind as kind',
      'b.status',
      'b.counts',
      'b.created_at as createdAt',
      'b.imported_at as importedAt',
      'u.display_name as uploadedBy',
    ])
    .where('b.programme_id', '=', ctx.actor.programmeId)
    .orderBy('b.created_at', 'desc')
    .limit(200)
    .execute();
}

/**
 * Keeps an uploaded file for the wizard, after checking it is a spreadsheet that can be read
 * (not empty, not a zip bomb, not password-protected): a file that cannot be read is refused here
 * with the reason, and nothing is kept.
 */
export async function createBatch(ctx: SignedInCtx, props: { fileName: string; bytes: Buffer; limits: ImportLimits }): Promise<string> {
  await authorize(ctx, 'imports.run');
  const fileName = savableFileName(props.fileName, 'upload');
  if (props.bytes.length > props.limits.maxBytes) throw fileProblem(tooBig(props.limits));
  const spreadsheet = await openChecked(props.bytes, props.limits);
  await forgetAbandonedFiles(ctx);
  const sheets = spreadsheet.sheetNames;
  const batch = await ctx.db
    .insertInto('import_batch')
    .values({
      programme_id: ctx.actor.programmeId,
      file_name: fileName,
      file_sha256: createHash('sha256').update(props.bytes).digest('hex'),
      file_bytes: props.bytes.length,
      // Sent as base64 text: the embedded database turns a binary parameter into a many-times larger
      // JavaScript array on its way in (about 400 MB for a 6 MB file); text goes in as it is.
      content: sql<Buffer>`decode(${props.bytes.toString('base64')}, 'base64')`,
      sheet: sheets.length === 1 ? (sheets[0] ?? null) : null,
      uploaded_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, { action: 'create', recordType: 'import', recordId: batch.id, detail: { bytes: props.bytes.length } });
  return batch.id;
}

/** How long an uploaded file that was never imported is kept: it holds people's details. */
const ABANDONED_AFTER_DAYS = 14;

/** Drops the files of the programme's drafts untouched for ABANDONED_AFTER_DAYS (their records stay, saying so). */
async function forgetAbandonedFiles(ctx: SignedInCtx): Promise<void> {
  await ctx.db
    .updateTable('import_batch')
    .set({ content: null, failure: `The file was deleted after ${ABANDONED_AFTER_DAYS} days without being imported` })
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('status', '=', 'draft')
    .where('content', 'is not', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(days => ${ABANDONED_AFTER_DAYS})`)
    .execute();
}

/** The batch's file, opened (the wizard's steps and the import itself read it from here). */
export async function openBatchFile(ctx: SignedInCtx, batchId: string, limits: SpreadsheetLimits): Promise<Spreadsheet> {
  const row = await ctx.db
    .selectFrom('import_batch')
    .select('content')
    .where('id', '=', batchId)
    .where('programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (!row.content) throw new ValidationError([{ field: 'file', message: 'This import is finished: its file is no longer kept' }]);
  return openChecked(Buffer.from(row.content), limits);
}

async function openChecked(bytes: Buffer, limits: SpreadsheetLimits): Promise<Spreadsheet> {
  try {
    return await openSpreadsheet(bytes, limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw fileProblem(error.message);
    throw error;
  }
}

const fileProblem = (message: string) => new ValidationError([{ field: 'file', message }]);

export interface BatchSettingsChange {
  sheet?: string | null;
  headerRow?: number;
  headers?: (string | null)[];
  kind?: RowKind;
  /** The date a return-to-custody extract was taken. */
  asAt?: string | null;
  columns?: Record<string, number>;
  valueMap?: Record<string, Record<string, string>>;
  decisions?: Record<string, string>;
  /** Import the rows that passed the check and leave out the rows with problems (it changes no row, so the check stands). */
  leaveOut?: boolean;
}

/** Saves a step of the wizard. A change to what the rows mean makes the last check out of date. */
export async function updateBatch(ctx: SignedInCtx, batchId: string, change: BatchSettingsChange): Promise<void> {
  await authorize(ctx, 'imports.run');
  const updated = await ctx.db
    .updateTable('import_batch')
    .set({
      ...(change.sheet !== undefined ? { sheet: change.sheet } : {}),
      ...(change.headerRow !== undefined ? { header_row: change.headerRow } : {}),
      ...(change.headers !== undefined ? { headers: JSON.stringify(change.headers) as never } : {}),
      ...(change.kind !== undefined ? { row_kind: change.kind } : {}),
      ...(change.asAt !== undefined ? { as_at: change.asAt } : {}),
      ...(change.columns !== undefined ? { columns: JSON.stringify(change.columns) as never } : {}),
      ...(change.valueMap !== undefined ? { value_map: JSON.stringify(change.valueMap) as never } : {}),
      ...(change.decisions !== undefined ? { decisions: JSON.stringify(change.decisions) as never } : {}),
      ...(change.leaveOut !== undefined ? { leave_out: change.leaveOut } : {}),
      ...(Object.keys(change).some((key) => key !== 'leaveOut') ? { check_report: null } : {}),
      version: sql`version + 1`,
    })
    .where('id', '=', batchId)
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new ValidationError([{ field: 'file', message: 'This import is finished and can no longer be changed' }]);
  await audit(ctx, { action: 'update', recordType: 'import', recordId: batchId, detail: { changed: Object.keys(change) } });
}

/**
 * An earlier import, not undone, of the same rows: a file with the same contents, read from the same
 * sheet as the same kind of rows (another sheet of an imported workbook is other rows).
 */
export function earlierImportOf(ctx: SignedInCtx, batch: { id: string; sha256: string; sheet: string | null; kind: RowKind | null }) {
  return ctx.db
    .selectFrom('import_batch')
    .select(['id', 'file_name as fileName', 'imported_at as importedAt'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('file_sha256', '=', batch.sha256)
    .where('sheet', 'is not distinct from', batch.sheet)
    .where('row_kind', 'is not distinct from', batch.kind)
    .where('status', '=', 'imported')
    .where('id', '!=', batch.id)
    .orderBy('imported_at', 'desc')
    .executeTakeFirst();
}
