import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import type { RowKind } from '../../db/schema.ts';
import { cellText } from '../../spreadsheets/cells.ts';
import { previewRows, type Spreadsheet } from '../../spreadsheets/spreadsheet.ts';
import { SpreadsheetError } from '../../spreadsheets/errors.ts';
import { openBatchFile, updateBatch, type ImportLimits } from './batches.ts';
import { FIELDS } from './fields.ts';
import { likelyHeaderRow } from './headers.ts';
import { suggestedMapping } from './mapping.ts';

/** How many rows the wizard shows for choosing the header row. */
export const PREVIEW_ROWS = 10;

/** The first rows of a sheet as text, and the row that most looks like the header for this kind of rows. */
export async function sheetPreview(ctx: SignedInCtx, props: { batchId: string; sheet: string | null; kind: RowKind | null; limits: ImportLimits }) {
  const spreadsheet = await openBatchFile(ctx, props.batchId, props.limits);
  const rows = (await firstRows(spreadsheet, PREVIEW_ROWS, props.sheet ?? undefined)).map((row) => ({
    rowNumber: row.rowNumber,
    texts: row.cells.map(cellText),
  }));
  const fields = props.kind ? FIELDS[props.kind] : Object.values(FIELDS).flat();
  return { sheetNames: spreadsheet.sheetNames, rows, likelyHeaderRow: likelyHeaderRow(rows, fields) };
}

/** The first rows, or the reason the file cannot be read (a sheet found damaged only when read) as a problem with the file. */
async function firstRows(spreadsheet: Spreadsheet, count: number, sheet: string | undefined) {
  try {
    return await previewRows(spreadsheet, count, sheet);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new ValidationError([{ field: error.code === 'no-such-sheet' ? 'sheet' : 'file', message: error.message }]);
    throw error;
  }
}

/**
 * Saves the sheet, the header row and what the rows are, with the header row's texts, and starts
 * the mapping from what the programme chose last time and the header names.
 */
export async function chooseLayout(
  ctx: SignedInCtx,
  props: { batchId: string; sheet: string | null; headerRow: number; kind: RowKind; limits: ImportLimits },
): Promise<void> {
  const spreadsheet = await openBatchFile(ctx, props.batchId, props.limits);
  if (spreadsheet.format === 'xlsx' && (!props.sheet || !spreadsheet.sheetNames.includes(props.sheet))) {
    throw new ValidationError([{ field: 'sheet', message: 'Choose a sheet of the workbook' }]);
  }
  const sheet = spreadsheet.format === 'xlsx' ? props.sheet : null;
  let headers: (string | null)[] | undefined;
  for (const row of await firstRows(spreadsheet, props.headerRow, sheet ?? undefined)) {
    if (row.rowNumber === props.headerRow) headers = row.cells.map(cellText);
  }
  if (!headers || headers.every((h) => h === null))
    throw new ValidationError([{ field: 'headerRow', message: `Row ${props.headerRow} is empty: choose the row with the column headings` }]);
  const suggested = await suggestedMapping(ctx.db, { programmeId: ctx.actor.programmeId, kind: props.kind, headers });
  await updateBatch(ctx, props.batchId, {
    sheet,
    headerRow: props.headerRow,
    headers,
    kind: props.kind,
    // The extract's date belongs to a return-to-custody file only.
    ...(props.kind === 'custody_returns' ? {} : { asAt: null }),
    columns: suggested.columns,
    valueMap: suggested.valueMap,
    decisions: {},
  });
}
