import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { cellText } from '../../spreadsheets/cells.ts';
import { readRows, type Spreadsheet } from '../../spreadsheets/spreadsheet.ts';
import type { RowProblem } from './record.ts';

/** Why a row was left out: each problem the check found in it. */
export type LeftOutReason = Pick<RowProblem, 'column' | 'message'>;

/** How many rows left out are written in one statement. */
const INSERT_ROWS = 500;

/** How many rows left out the import's page lists (all are in the download). */
export const LEFT_OUT_LISTED = 500;

/** The heading of the download's last column. */
export const WHY_HEADING = 'Why it was left out';

/**
 * Keeps every row an import leaves out (not only a page's worth), as the file had it, with every
 * reason it was refused. The file is read again for the rows' cells, so that each row is kept once
 * whichever order its problems were found in. Runs in the import's transaction: the rows are kept
 * with the import or not at all. Returns how many rows were left out.
 */
export async function recordLeftOut(
  db: Kysely<Database>,
  props: { programmeId: string; importId: string; spreadsheet: Spreadsheet; sheet: string | null; problems: readonly RowProblem[] },
): Promise<number> {
  const reasons = new Map<number, LeftOutReason[]>();
  for (const { rowNumber, column, message } of props.problems) reasons.set(rowNumber, [...(reasons.get(rowNumber) ?? []), { column, message }]);
  if (reasons.size === 0) return 0;
  let pending: Insertable<Database['import_left_out_row']>[] = [];
  const write = async () => {
    if (pending.length > 0) await db.insertInto('import_left_out_row').values(pending).execute();
    pending = [];
  };
  for await (const row of readRows(props.spreadsheet, props.sheet ?? undefined)) {
    const why = reasons.get(row.rowNumber);
    if (!why) continue;
    pending.push({
      programme_id: props.programmeId,
      import_id: props.importId,
      row_number: row.rowNumber,
      cells: JSON.stringify(row.cells.map(cellText)) as never,
      reasons: JSON.stringify(why) as never,
    });
    if (pending.length >= INSERT_ROWS) await write();
  }
  await write();
  return reasons.size;
}

/** How many rows an import left out, and the first LEFT_OUT_LISTED of them with why, for its page. */
export async function leftOutSummary(db: Kysely<Database>, scope: { programmeId: string; importId: string }) {
  const [total, rows] = await Promise.all([
    db
      .selectFrom('import_left_out_row')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('programme_id', '=', scope.programmeId)
      .where('import_id', '=', scope.importId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('import_left_out_row')
      .select(['row_number as rowNumber', 'reasons'])
      .where('programme_id', '=', scope.programmeId)
      .where('import_id', '=', scope.importId)
      .orderBy('row_number')
      .limit(LEFT_OUT_LISTED)
      .execute(),
  ]);
  return { count: Number(total.n), rows };
}

/**
 * The rows an import left out as the file had them: its header row, then each row's cells, with a
 * last column saying why it was left out, so that they can be put right and imported as a file.
 */
export async function leftOutFile(db: Kysely<Database>, scope: { programmeId: string; importId: string; headers: readonly (string | null)[] }) {
  const rows = await db
    .selectFrom('import_left_out_row')
    .select(['cells', 'reasons'])
    .where('programme_id', '=', scope.programmeId)
    .where('import_id', '=', scope.importId)
    .orderBy('row_number')
    .execute();
  const width = Math.max(scope.headers.length, ...rows.map((row) => row.cells.length));
  const padded = (cells: readonly (string | null)[]) => Array.from({ length: width }, (_, index) => cells[index] ?? null);
  return [
    [...padded(scope.headers), WHY_HEADING],
    ...rows.map((row) => [...padded(row.cells), row.reasons.map(reasonText).join('; ')]),
  ];
}

/** "Date of birth: The date of birth 01/01/2030 is in the future", or the message alone for a row's problem. */
export const reasonText = (reason: LeftOutReason) => (reason.column ? `${reason.column}: ${reason.message}` : reason.message);

const rowsText = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`;

/** What the check page offers when the user may leave out the rows with problems: how many pass, how many are left out. */
export function leaveOutChoice(report: { rows: number; problemCount: number; problemRows?: number }) {
  const leftOut = report.problemRows ?? report.problemCount;
  const passed = report.rows - leftOut;
  return {
    passed: rowsText(passed),
    leftOut: rowsText(leftOut),
    label: `Import the ${rowsText(passed)} that passed and leave out the ${rowsText(leftOut)} with problems`,
  };
}
