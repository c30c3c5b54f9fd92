import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../db/schema.ts';
import type { SignedInCtx } from '../http/context.ts';
import { actingAs, UsageError } from './acting-as.ts';
import { ValidationError } from '../http/errors.ts';
import { isRealDate, today } from '../http/date-fields.ts';
import { createBatch, getBatch, updateBatch, type ImportLimits } from '../modules/imports/batches.ts';
import { checkImport, commitImport, ImportRefused } from '../modules/imports/commit.ts';
import { FIELDS } from '../modules/imports/fields.ts';
import { normalise } from '../modules/imports/headers.ts';
import { chooseLayout, sheetPreview } from '../modules/imports/layout.ts';
import { lookupOptions, matchOption, NOT_RECORDED } from '../modules/imports/lookups.ts';
import type { RunReport } from '../modules/imports/run-state.ts';
import { isClean } from '../modules/imports/run.ts';
import { recordCounts } from '../modules/audit/record-words.ts';

export interface ImportOptions {
  file: string;
  as: string;
  kind: RowKind;
  /** The date a return-to-custody extract was taken, YYYY-MM-DD (required for custody_returns). */
  asAt?: string;
  sheet?: string;
  headerRow?: number;
  /** field=Header text: the column of a field, where the suggestion is wrong or missing */
  column: string[];
  /** field=value in the file=what it means (an option's label, or "not recorded") */
  value: string[];
  /** Rows whose person is unsure become new people (otherwise the import stops for them). */
  unsureAreNew: boolean;
  dryRun: boolean;
  again: boolean;
}

/**
 * `throughcare import`: the wizard's steps from the command line, acting as a user (with the same
 * rules, checks and audit). Prints what the check found; imports only a clean file, all or nothing.
 * Returns the exit code: 0 done, 1 refused.
 */
export async function importCommand(db: Kysely<Database>, limits: ImportLimits, options: ImportOptions, out: (line: string) => void): Promise<number> {
  const ctx = await actingAs(db, options.as);
  const asAt = checkedAsAt(options, today(ctx.actor.timeZone));
  const batchId = await createBatch(ctx, { fileName: basename(options.file), bytes: await readFile(options.file), limits });
  const preview = await sheetPreview(ctx, { batchId, sheet: options.sheet ?? null, kind: options.kind, limits });
  const sheet = options.sheet ?? preview.sheetNames[0] ?? null;
  const headerRow = options.headerRow ?? preview.likelyHeaderRow;
  await chooseLayout(ctx, { batchId, sheet, headerRow, kind: options.kind, limits });
  const batch = await getBatch(ctx, batchId);
  const columns = { ...batch.columns, ...columnOverrides(options.column, batch.headers, options.kind) };
  const valueMap = await valueOverrides(ctx, options.kind, options.value, batch.valueMap);
  await updateBatch(ctx, batchId, { columns, valueMap, ...(asAt ? { asAt } : {}) });
  out(`${options.file}: ${sheet ? `sheet "${sheet}", ` : ''}header row ${headerRow}${asAt ? `, extract taken ${asAt}` : ''}`);
  for (const field of FIELDS[options.kind]) {
    const column = columns[field.key];
    if (column !== undefined) out(`  ${field.label} <- "${batch.headers[column - 1] ?? `column ${column}`}"`);
  }
  const progress = (rows: number) => process.stderr.write(`\r${rows.toLocaleString('en-GB')} rows`);
  let report = await checkImport({ ctx, batchId, limits, onProgress: progress });
  process.stderr.write('\n');
  if (options.unsureAreNew && report.unsureCount > 0) {
    await updateBatch(ctx, batchId, { decisions: Object.fromEntries(report.unsure.map((u) => [String(u.rowNumber), 'new'])) });
    report = await checkImport({ ctx, batchId, limits, onProgress: progress });
    process.stderr.write('\n');
  }
  printReport(report, out);
  if (!isClean(report)) return 1;
  if (options.dryRun) {
    out('Dry run: nothing was written.');
    return 0;
  }
  out('Importing: all of it or, if anything stops it, none of it.');
  try {
    const done = await commitImport({ ctx, batchId, limits, again: options.again, onProgress: progress });
    process.stderr.write('\n');
    out(`Imported ${done.rows} rows: ${counted(done.counts)}. Import ${batchId}`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) printReport(error.report, out);
    else if (error instanceof ValidationError) out(error.problems.map((p) => p.message).join('\n'));
    else throw error;
    out('Nothing was imported.');
    return 1;
  }
}

/** --as-at: required for a return-to-custody extract (a real date, not in the future), refused for other files. */
function checkedAsAt(options: ImportOptions, todayIs: string): string | undefined {
  if (options.kind !== 'custody_returns') {
    if (options.asAt !== undefined) throw new UsageError('--as-at is only for --kind custody_returns');
    return undefined;
  }
  if (options.asAt === undefined) throw new UsageError('Give the date the extract was taken with --as-at YYYY-MM-DD');
  if (!isRealDate(options.asAt)) throw new UsageError(`--as-at must be a real date as YYYY-MM-DD, not "${options.asAt}"`);
  if (options.asAt > todayIs) throw new UsageError(`--as-at ${options.asAt} is in the future: give the date the extract was taken`);
  return options.asAt;
}

function columnOverrides(pairs: string[], headers: (string | null)[], kind: RowKind): Record<string, number> {
  const chosen: Record<string, number> = {};
  for (const pair of pairs) {
    const [field, header] = splitOnce(pair, '=');
    if (!FIELDS[kind].some((f) => f.key === field)) throw new UsageError(`No field "${field}" for ${kind}: one of ${FIELDS[kind].map((f) => f.key).join(', ')}`);
    const index = headers.findIndex((h) => h !== null && normalise(h) === normalise(header));
    if (index < 0) throw new UsageError(`No column headed "${header}"`);
    chosen[field] = index + 1;
  }
  return chosen;
}

async function valueOverrides(ctx: SignedInCtx, kind: RowKind, triples: string[], valueMap: Record<string, Record<string, string>>) {
  const map = structuredClone(valueMap);
  for (const triple of triples) {
    const [field, rest] = splitOnce(triple, '=');
    const [value, meaning] = splitOnce(rest, '=');
    const definition = FIELDS[kind].find((f) => f.key === field);
    if (definition?.read.type !== 'lookup') throw new UsageError(`"${field}" is not a field with a list of values`);
    const option =
      normalise(meaning) === 'not recorded'
        ? NOT_RECORDED
        : matchOption(await lookupOptions(ctx.db, ctx.actor.programmeId, definition.read.source), meaning)?.code;
    if (option === undefined) throw new UsageError(`"${meaning}" is not one of the values of ${field}`);
    map[field] = { ...map[field], [normalise(value)]: option };
  }
  return map;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at < 0) throw new UsageError(`Expected name${separator}value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
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
