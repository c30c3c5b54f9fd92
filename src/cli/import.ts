import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../db/schema.ts';
import type { SignedInCtx } from '../http/context.ts';
import { actingAs, UsageError } from './acting-as.ts';
import { ValidationError } from '../http/errors.ts';
import { today } from '../http/date-fields.ts';
import { createBatch, getBatch, updateBatch, type ImportLimits } from '../modules/imports/batches.ts';
import { checkImport, commitImport, ImportRefused } from '../modules/imports/commit.ts';
import { FIELDS } from '../modules/imports/fields.ts';
import { normalise } from '../modules/imports/headers.ts';
import { chooseLayout, sheetPreview } from '../modules/imports/layout.ts';
import { lookupOptions, matchOption, NOT_RECORDED } from '../modules/imports/lookups.ts';
import type { RunReport } from '../modules/imports/run-state.ts';
import { canLeaveOut, isImportable, problemRowsOf } from '../modules/imports/run.ts';
import { ALL_UNSURE } from '../modules/imports/unsure-decisions.ts';
import { unusedColumns } from '../modules/imports/unused-columns.ts';
import { recordCounts } from '../modules/audit/record-words.ts';
import { checkOptions, fieldOf, readImportFile, splitOnce, type ImportOptions } from './import-options.ts';

export type { ImportOptions } from './import-options.ts';

/**
 * `throughcare import`: the wizard's steps from the command line, acting as a user (with the same
 * rules, checks and audit). Prints the mapping, the file's columns it leaves out and what the check
 * found; imports only a clean file (or, with --leave-out-problems, the rows that passed), all or
 * nothing. Returns the exit code: 0 done, 1 refused; a usage mistake is thrown as a UsageError.
 */
export async function importCommand(
  db: Kysely<Database>,
  limits: ImportLimits,
  options: ImportOptions,
  out: (line: string) => void,
  err: (text: string) => void = (text) => void process.stderr.write(text),
): Promise<number> {
  checkOptions(options);
  const bytes = options.bytes ?? (await readImportFile(options.file));
  const ctx = await actingAs(db, options.as, 'imports.run');
  const asAt = checkedAsAt(options.asAt, today(ctx.actor.timeZone));
  const batchId = await createBatch(ctx, { fileName: basename(options.file), bytes, limits });
  const { sheet, headerRow } = await layout(ctx, batchId, options, limits);
  const batch = await getBatch(ctx, batchId);
  const columns = { ...batch.columns, ...columnOverrides(options.column, batch.headers, options.kind) };
  const valueMap = await valueOverrides(ctx, options.kind, options.value, batch.valueMap);
  const decisions: Record<string, string> | undefined = options.unsure ? { [ALL_UNSURE]: options.unsure } : undefined;
  await updateBatch(ctx, batchId, { columns, valueMap, ...(decisions ? { decisions } : {}), ...(asAt ? { asAt } : {}) });
  if (options.leaveOutProblems) await updateBatch(ctx, batchId, { leaveOut: true });
  out(`${options.file}: ${sheet ? `sheet "${sheet}", ` : ''}header row ${headerRow}${asAt ? `, extract taken ${asAt}` : ''}`);
  for (const field of FIELDS[options.kind]) {
    const column = columns[field.key];
    if (column !== undefined) out(`  ${field.label} <- "${batch.headers[column - 1] ?? `column ${column}`}"`);
  }
  for (const unused of unusedColumns(options.kind, batch.headers, columns)) {
    const { suggestion } = unused;
    const suggested = suggestion ? `: looks like ${lowerFirst(suggestion.label)}: --column ${suggestion.key}="${unused.header}"` : '';
    out(`  not imported: "${unused.header}" (column ${unused.letter})${suggested}`);
  }
  const progress = (rows: number) => err(`\r${rows.toLocaleString('en-GB')} rows`);
  const report = await checkImport({ ctx, batchId, limits, onProgress: progress });
  err('\n');
  printReport(report, out);
  const leaveOut = Boolean(options.leaveOutProblems);
  if (!isImportable(report, leaveOut)) {
    if (canLeaveOut(report)) out('Only rows with problems stop this file: --leave-out-problems imports the others and keeps these with the import.');
    if (report.unsureCount > 0 && !options.unsure) out('--unsure new (all are new people) or --unsure listed (each is the recorded person listed) decides every unsure row.');
    return 1;
  }
  const leaving = leaveOut && report.problemCount > 0 ? problemRowsOf(report) : 0;
  if (options.dryRun) {
    if (leaving > 0) out(`${leaving} rows with problems would be left out.`);
    out('Dry run: nothing was written.');
    return 0;
  }
  out('Importing: all of it or, if anything stops it, none of it.');
  try {
    const done = await commitImport({ ctx, batchId, limits, again: options.again, onProgress: progress });
    err('\n');
    const leftOut = leaving > 0 ? problemRowsOf(done) : 0;
    out(`Imported ${done.rows - leftOut} rows: ${counted(done.counts)}. Import ${batchId}`);
    if (leftOut > 0) out(`Left out ${leftOut} rows with problems: they are listed, with why, on the import's page at /imports/${batchId}`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) printReport(error.report, out);
    else if (error instanceof ValidationError) out(error.problems.map((p) => p.message).join('\n'));
    else throw error;
    out('Nothing was imported.');
    return 1;
  }
}

/** The sheet and header row, given or found: a sheet the workbook does not have, or an empty header row, is a usage mistake. */
async function layout(ctx: SignedInCtx, batchId: string, options: ImportOptions, limits: ImportLimits) {
  try {
    const preview = await sheetPreview(ctx, { batchId, sheet: options.sheet ?? null, kind: options.kind, limits });
    const sheet = options.sheet ?? preview.sheetNames[0] ?? null;
    const headerRow = options.headerRow ?? preview.likelyHeaderRow;
    await chooseLayout(ctx, { batchId, sheet, headerRow, kind: options.kind, limits });
    return { sheet, headerRow };
  } catch (error) {
    const mistake = error instanceof ValidationError && error.problems.find((p) => (p.field === 'sheet' && options.sheet) || (p.field === 'headerRow' && options.headerRow));
    if (mistake) throw new UsageError(mistake.message);
    throw error;
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** --as-at (checked as a real date, for custody_returns only, before the database is opened): not in the user's future. */
function checkedAsAt(asAt: string | undefined, todayIs: string): string | undefined {
  if (asAt !== undefined && asAt > todayIs) throw new UsageError(`--as-at ${asAt} is in the future: give the date the extract was taken`);
  return asAt;
}

function columnOverrides(pairs: string[], headers: (string | null)[], kind: RowKind): Record<string, number> {
  const chosen: Record<string, number> = {};
  for (const pair of pairs) {
    const [field, header] = splitOnce(pair, '=');
    fieldOf(kind, field, '--column');
    const index = headers.findIndex((h) => h !== null && normalise(h) === normalise(header));
    if (index < 0) throw new UsageError(`--column: no column headed "${header}": the headings are ${headers.filter((h) => h !== null).map((h) => `"${h}"`).join(', ')}`);
    chosen[field] = index + 1;
  }
  return chosen;
}

async function valueOverrides(ctx: SignedInCtx, kind: RowKind, triples: string[], valueMap: Record<string, Record<string, string>>) {
  const map = structuredClone(valueMap);
  for (const triple of triples) {
    const [field, rest] = splitOnce(triple, '=');
    const [value, meaning] = splitOnce(rest, '=');
    const definition = fieldOf(kind, field, '--value');
    if (definition.read.type !== 'lookup') throw new UsageError(`--value: "${field}" is not a field with a list of values`);
    const option =
      normalise(meaning) === 'not recorded'
        ? NOT_RECORDED
        : matchOption(await lookupOptions(ctx.db, ctx.actor.programmeId, definition.read.source), meaning)?.code;
    if (option === undefined) throw new UsageError(`--value: "${meaning}" is not one of the values of ${field}`);
    map[field] = { ...map[field], [normalise(value)]: option };
  }
  return map;
}

const counted = (counts: Record<string, number>) => recordCounts(counts).join(', ') || 'nothing';

function printReport(report: RunReport, out: (line: string) => void): void {
  out(`${report.rows} rows checked: ${report.problemCount} problems, ${report.unknown.length} unknown values, ${report.unsureCount} unsure matches`);
  for (const p of report.problems) out(`  row ${p.rowNumber}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
  for (const u of report.unknown) {
    const what = u.lenient ? 'left unrecorded unless you map it' : 'map it';
    out(`  unknown ${u.field} "${u.value}" in ${u.rows} rows (first row ${u.firstRow}): ${what} with --value "${u.field}=${u.value}=..."`);
  }
  for (const u of report.unsure)
    out(
      `  row ${u.rowNumber}: ${u.person.firstName} ${u.person.lastName} may be ${u.candidates.map((c) => `${c.firstName} ${c.lastName} (${c.dateOfBirth ?? 'no date of birth'})`).join(' or ')}`,
    );
  if (report.problemCount > report.problems.length) out(`  ...and ${report.problemCount - report.problems.length} more problems`);
  const returns = report.custodyReturns;
  if (returns) {
    out(`  ${returns.admissions} admissions to custody, ${returns.notReturned} people not returned`);
    if (returns.admissionsWithoutLiberation > 0)
      out(`  ${returns.admissionsWithoutLiberation} admissions follow no recorded liberation: they count nowhere until one before them is recorded`);
    if (returns.notReturnedWithoutLiberation > 0) out(`  ${returns.notReturnedWithoutLiberation} people not returned have no liberation recorded by the extract's date`);
  }
}
