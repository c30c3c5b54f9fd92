import { sql, type Kysely } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import { authorize } from '../../http/access.ts';
import { readerBeside } from '../../db/connect.ts';
import type { Database, RowKind } from '../../db/schema.ts';
import { today } from '../../http/date-fields.ts';
import { audit } from '../audit/record.ts';
import { earlierImportOf, getBatch, openBatchFile, type Batch, type ImportLimits } from './batches.ts';
import { normalise } from './headers.ts';
import { missingColumns } from './mapping.ts';
import { closeOnNextSignUps } from './sign-up-ends.ts';
import { recordLeftOut } from './left-out-rows.ts';
import { isImportable, LISTED, problemRowsOf, runImport, type ImportSettings } from './run.ts';
import type { RunReport } from './run-state.ts';

/** The import is refused: what the last pass found, for the user to put right. */
export class ImportRefused extends Error {
  constructor(readonly report: RunReport) {
    super('The file has problems: nothing was imported');
  }
}

function settingsOf(batch: Batch): ImportSettings {
  if (!batch.kind || !batch.headerRow)
    throw new ValidationError([{ field: 'kind', message: 'Choose the sheet, the header row and what the rows are before checking the file' }]);
  const missing = missingColumns(batch.kind, batch.columns);
  if (missing.length) throw new ValidationError(missing);
  if (batch.kind === 'custody_returns' && !batch.asAt) throw new ValidationError([{ field: 'asAt', message: 'Enter the date the extract was taken' }]);
  const asAt = batch.kind === 'custody_returns' ? batch.asAt : null;
  return {
    kind: batch.kind,
    sheet: batch.sheet,
    headerRow: batch.headerRow,
    columns: batch.columns,
    valueMap: batch.valueMap,
    decisions: batch.decisions,
    asAt,
  };
}

interface PassProps {
  ctx: SignedInCtx;
  batchId: string;
  limits: ImportLimits;
  onProgress?: (rowsRead: number) => void;
  listed?: number;
}

/**
 * The pass over the batch's file, to run with a database (the import's transaction when writing,
 * with a reader beside it where the database has one). The file is opened first, outside it.
 */
async function passOver(ctx: SignedInCtx, batch: Batch, write: boolean, props: PassProps) {
  const spreadsheet = await openBatchFile(ctx, batch.id, props.limits);
  return (db: Kysely<Database>, reader: Kysely<Database> | null = null) =>
    runImport({
      db,
      reader,
      spreadsheet,
      settings: settingsOf(batch),
      programmeId: ctx.actor.programmeId,
      importId: batch.id,
      actor: { userId: ctx.actor.userId, teamId: ctx.actor.teamId },
      today: today(ctx.actor.timeZone),
      write,
      onProgress: props.onProgress,
      listed: props.listed,
    });
}

/**
 * The dry run: every row read, checked and matched as the import would, and nothing written. What it
 * found is kept with the batch for the wizard's preview.
 */
export async function checkImport(props: PassProps): Promise<RunReport> {
  const { ctx } = props;
  await authorize(ctx, 'imports.run');
  const batch = await getBatch(ctx, props.batchId);
  const report = await (await passOver(ctx, batch, false, props))(ctx.db);
  await ctx.db
    .updateTable('import_batch')
    .set({ check_report: JSON.stringify(report) as never })
    .where('id', '=', batch.id)
    .execute();
  await audit(ctx, { action: 'read', recordType: 'import', recordId: batch.id, detail: { checked: report.rows, problems: report.problemCount } });
  return report;
}

/** Every problem row of the file (not only the page's first 500), checked again, for a download. Nothing is written. */
export async function everyProblem(props: PassProps): Promise<RunReport['problems']> {
  const { ctx } = props;
  await authorize(ctx, 'imports.run');
  const batch = await getBatch(ctx, props.batchId);
  const report = await (await passOver(ctx, batch, false, { ...props, listed: Number.POSITIVE_INFINITY }))(ctx.db);
  await audit(ctx, { action: 'export', recordType: 'import', recordId: batch.id, detail: { problems: report.problemCount } });
  return report.problems;
}

/**
 * The import: one transaction that writes every row or none. Refused (nothing written) when any row
 * has a problem, a value is unknown or a match is unsure, or when the same file was imported before
 * and `again` is not given. The mapping is remembered for the programme's next file. When the user
 * chose to leave out the rows with problems (`leaveOut`), the rows that passed are imported and the
 * rows left out kept with the import, with why; refused if other rows than the check's would be left
 * out (the file's people changed since), so that no more are left out than the user agreed to.
 */
export async function commitImport(props: PassProps & { again?: boolean }): Promise<RunReport> {
  const { ctx } = props;
  await authorize(ctx, 'imports.run');
  const batch = await getBatch(ctx, props.batchId);
  if (batch.status !== 'draft') throw new ValidationError([{ field: 'file', message: 'This file has already been imported' }]);
  const earlier = await earlierImportOf(ctx, batch);
  if (earlier && !props.again) {
    throw new ValidationError([{ field: 'again', message: `This file was imported before (${earlier.fileName}): confirm that you want to import it again` }]);
  }
  const { leaveOut } = batch;
  const agreed = batch.checkReport as RunReport | null;
  const pass = await passOver(ctx, batch, true, leaveOut ? { ...props, listed: Number.POSITIVE_INFINITY } : props);
  const file = leaveOut ? await openBatchFile(ctx, batch.id, props.limits) : null;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // On PostgreSQL the pass reads beside the transaction, on connections of their own.
      const report = await pass(trx, readerBeside(ctx.db));
      if (!isImportable(report, leaveOut)) throw new ImportRefused(report);
      if (leaveOut && (!agreed || problemRowsOf(report) !== problemRowsOf(agreed))) throw new ImportRefused(report);
      const leftOut = file
        ? await recordLeftOut(trx, { programmeId: ctx.actor.programmeId, importId: batch.id, spreadsheet: file, sheet: batch.sheet, problems: report.problems })
        : 0;
      const closed = batch.kind === 'sign_ups' ? await closeOnNextSignUps(trx, ctx.actor.programmeId, batch.id) : 0;
      await trx
        .updateTable('import_batch')
        .set({
          status: 'imported',
          counts: JSON.stringify(report.counts) as never,
          check_report: JSON.stringify({ ...report, problems: report.problems.slice(0, LISTED) }) as never,
          content: null,
          imported_by: ctx.actor.userId,
          imported_at: sql`now()`,
          failure: null,
        })
        .where('id', '=', batch.id)
        .execute();
      await rememberMapping(trx, ctx.actor.programmeId, batch);
      await audit(
        { ...ctx, db: trx },
        {
          action: 'create',
          recordType: 'import',
          recordId: batch.id,
          detail: { imported: report.counts, rows: report.rows, again: Boolean(earlier), closedSignUps: closed, ...(leaveOut ? { leftOut } : {}) },
        },
      );
      return report;
    });
  } catch (error) {
    const failure =
      error instanceof ImportRefused ? `${error.report.problemCount} problem rows` : error instanceof Error ? error.message.slice(0, 500) : 'failed';
    await ctx.db.updateTable('import_batch').set({ failure }).where('id', '=', batch.id).execute();
    throw error;
  }
}

/** The header -> field choices and value meanings of this import, for the programme's next file of this kind. */
async function rememberMapping(db: Kysely<Database>, programmeId: string, batch: Batch): Promise<void> {
  const kind = batch.kind as RowKind;
  const earlier = await db
    .selectFrom('import_mapping')
    .select(['columns', 'value_map'])
    .where('programme_id', '=', programmeId)
    .where('row_kind', '=', kind)
    .executeTakeFirst();
  const columns = { ...earlier?.columns };
  for (const [field, column] of Object.entries(batch.columns)) {
    const header = batch.headers[column - 1];
    if (header) columns[normalise(header)] = field;
  }
  const valueMap = { ...earlier?.value_map };
  for (const [field, values] of Object.entries(batch.valueMap)) valueMap[field] = { ...valueMap[field], ...values };
  const row = { columns: JSON.stringify(columns) as never, value_map: JSON.stringify(valueMap) as never };
  await db
    .insertInto('import_mapping')
    .values({ programme_id: programmeId, row_kind: kind, ...row })
    .onConflict((oc) => oc.columns(['programme_id', 'row_kind']).doUpdateSet({ ...row, updated_at: sql`now()` }))
    .execute();
}
