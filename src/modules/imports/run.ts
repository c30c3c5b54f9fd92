import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../../db/schema.ts';
import { cellText } from '../../spreadsheets/cells.ts';
import { readRows, type Spreadsheet } from '../../spreadsheets/spreadsheet.ts';
import { handleActivityRows } from './activity-rows.ts';
import { handleCustodyReturnRows } from './custody-return-rows.ts';
import { UnusedColumnSample } from './column-contents.ts';
import { EpisodeFinder } from './episode-finder.ts';
import { familyHandlerFor } from './family-rows.ts';
import { FIELDS } from './fields.ts';
import { normalise } from './headers.ts';
import { lookupOptions } from './lookups.ts';
import { PeopleMatcher } from './people-matching.ts';
import { PendingRows } from './pending-rows.ts';
import { readRecord, type Lookup, type Reading } from './record.ts';
import { addProblem, type ReadRow, type RunReport, type RunState } from './run-state.ts';
import { SignUpRows } from './sign-up-rows.ts';

/** What the user chose in the wizard (or on the command line). */
export interface ImportSettings {
  kind: RowKind;
  sheet: string | null;
  headerRow: number;
  /** field -> 1-based column */
  columns: Record<string, number>;
  /** field -> { normalised value -> code, '' for not recorded } */
  valueMap: Record<string, Record<string, string>>;
  /** row number -> person id or 'new' */
  decisions: Record<string, string>;
  /** The date a return-to-custody extract was taken (null for other kinds). */
  asAt: string | null;
}

export interface RunProps {
  /** Where the rows are written (the import's transaction), and read when there is no `reader`. */
  db: Kysely<Database>;
  /**
   * Where the pass reads, when it can read beside the transaction on a connection of its own
   * (PostgreSQL): its lookups then run while a chunk is being written instead of queueing behind
   * it. What the pass reads never depends on the import's own rows (see PendingRows), so it need
   * not see them.
   */
  reader?: Kysely<Database> | null;
  spreadsheet: Spreadsheet;
  settings: ImportSettings;
  programmeId: string;
  importId: string;
  actor: { userId: string; teamId: string | null };
  today: string;
  /** Write the rows (inside the caller's transaction), or only check them. */
  write: boolean;
  onProgress?: (rowsRead: number) => void;
  /** How many problems and unsure rows to list (more are only counted): a page's worth unless all are wanted. */
  listed?: number;
}

/** How many problems and unsure rows a check lists for its page. */
export const LISTED = 500;

/** Rows handled together: people, numbers and sign-ups are looked up once per batch. */
const BATCH_ROWS = 500;

/** True when nothing stops the import: no problem rows, no unknown values, no unsure matches. */
export const isClean = (report: RunReport) => report.problemCount === 0 && !report.unknown.some((u) => !u.lenient) && report.unsureCount === 0;

/** How many rows have problems (a report from before rows were counted says only how many problems). */
export const problemRowsOf = (report: RunReport) => report.problemRows ?? report.problemCount;

/** True when only rows with problems stop the import, and some rows passed: the user may leave the rows with problems out. */
export const canLeaveOut = (report: RunReport) =>
  report.problemCount > 0 && problemRowsOf(report) < report.rows && !report.unknown.some((u) => !u.lenient) && report.unsureCount === 0;

/** True when the rows can be imported: a clean check, or one the user chose to import without its rows with problems. */
export const isImportable = (report: RunReport, leaveOut: boolean) => isClean(report) || (leaveOut && canLeaveOut(report));

/**
 * One pass over the file's rows below the header row: each row's fields read and checked, then
 * handled by its kind (people and sign-ups, visits, contacts, outcomes, returns to custody). When
 * writing, the records go into the database in batches; the caller's transaction makes the whole
 * import one change or none.
 */
export async function runImport(props: RunProps): Promise<RunReport> {
  const { settings } = props;
  const db = props.reader ?? props.db;
  const report: RunReport = { rows: 0, problems: [], problemCount: 0, unknown: [], unsure: [], unsureCount: 0, counts: {} };
  const state: RunState = {
    db,
    programmeId: props.programmeId,
    importId: props.importId,
    userId: props.actor.userId,
    teamId: props.actor.teamId,
    today: props.today,
    asAt: settings.asAt,
    decisions: settings.decisions,
    matcher: new PeopleMatcher(db, props.programmeId, props.importId),
    episodes: new EpisodeFinder(db),
    pending: new PendingRows(props.write ? props.db : null, props.importId),
    report,
    listed: props.listed ?? LISTED,
    problemRows: new Set(),
    columnNames: {},
  };
  const handle = await handlerFor(state, settings.kind);
  const unknown = new Map<string, RunReport['unknown'][number]>();
  let reading: Reading | undefined;
  let sample: UnusedColumnSample | undefined;
  let batch: ReadRow[] = [];
  const flush = async () => {
    await handle(batch);
    await state.pending.flush();
    batch = [];
    props.onProgress?.(report.rows);
  };
  try {
    for await (const row of readRows(props.spreadsheet, settings.sheet ?? undefined)) {
      if (row.rowNumber < settings.headerRow) continue;
      if (row.rowNumber === settings.headerRow) {
        reading = await readingFor(props, row.cells.map(cellText));
        for (const [key, column] of Object.entries(settings.columns)) state.columnNames[key] = reading.headers[column - 1] ?? `column ${column}`;
        sample = new UnusedColumnSample(row.cells.length, settings.columns);
        continue;
      }
      reading ??= await readingFor(props, []);
      report.rows += 1;
      await state.pending.letWriterOn();
      sample?.add(row);
      const record = readRecord(row, reading);
      for (const problem of record.problems) addProblem(state, problem);
      for (const value of record.unknown) {
        const key = `${value.field}|${normalise(value.value)}`;
        const seen = unknown.get(key) ?? { ...value, rows: 0, firstRow: row.rowNumber };
        seen.rows += 1;
        unknown.set(key, seen);
      }
      if (record.problems.length === 0 && record.unknown.every((u) => u.lenient)) batch.push({ rowNumber: row.rowNumber, values: record.values });
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    await state.pending.finish();
  } catch (error) {
    await state.pending.settle();
    throw error;
  }
  // Values that stop the import first; workers (left unrecorded if not matched) after them.
  report.unknown = [...unknown.values()].sort((a, b) => Number(a.lenient) - Number(b.lenient) || a.field.localeCompare(b.field) || a.firstRow - b.firstRow);
  report.counts = { ...state.pending.counts };
  report.problemRows = state.problemRows.size;
  report.columnLooks = (await sample?.looks(db, { programmeId: props.programmeId, kind: settings.kind, chosen: settings.columns })) ?? {};
  return report;
}

async function handlerFor(state: RunState, kind: RowKind): Promise<(rows: ReadRow[]) => Promise<void>> {
  if (kind === 'sign_ups') {
    const rules = await state.db
      .selectFrom('programme')
      .select(['eligibility_min_months as minMonths', 'eligibility_max_months as maxMonths'])
      .where('id', '=', state.programmeId)
      .executeTakeFirstOrThrow();
    const signUps = new SignUpRows(state, { minMonths: Number(rules.minMonths), maxMonths: Number(rules.maxMonths) });
    return (rows) => signUps.handleBatch(rows);
  }
  if (kind === 'custody_returns') return (rows) => handleCustodyReturnRows(state, rows);
  if (kind === 'family_referrals' || kind === 'family_members' || kind === 'family_support') return familyHandlerFor(state, kind);
  return (rows) => handleActivityRows(state, kind, rows);
}

/** How the rows are read: the mapped fields, the header texts, and each looked-up field's options and value map. */
async function readingFor(props: RunProps, headers: (string | null)[]): Promise<Reading> {
  const { settings } = props;
  const fields = FIELDS[settings.kind];
  const lookups: Record<string, Lookup> = {};
  for (const field of fields) {
    if (field.read.type !== 'lookup' || settings.columns[field.key] === undefined) continue;
    lookups[field.key] = {
      options: await lookupOptions(props.db, props.programmeId, field.read.source),
      valueMap: settings.valueMap[field.key] ?? {},
      lenient: field.read.source.from === 'worker',
      known: new Map(),
    };
  }
  return { fields, columns: settings.columns, headers, lookups, today: props.today };
}
