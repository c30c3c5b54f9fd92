import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { NamedPerson } from '../people/queries.ts';
import type { EpisodeFinder } from './episode-finder.ts';
import type { PeopleMatcher, RowPerson } from './people-matching.ts';
import type { PendingRows } from './pending-rows.ts';
import type { RecordValue, RowProblem } from './record.ts';

/** One data row of the file, its fields read. */
export interface ReadRow {
  rowNumber: number;
  values: Record<string, RecordValue>;
}

/** A row whose person may be someone already recorded: the user decides, the import never guesses. */
export interface UnsureRow {
  rowNumber: number;
  person: RowPerson;
  candidates: NamedPerson[];
}

/** What one pass over the file found (and, when writing, wrote). */
export interface RunReport {
  rows: number;
  problems: RowProblem[];
  problemCount: number;
  /** How many rows have problems (a row may have several): the rows an import leaving them out leaves out. */
  problemRows?: number;
  unknown: { field: string; value: string; lenient: boolean; rows: number; firstRow: number }[];
  unsure: UnsureRow[];
  unsureCount: number;
  counts: Record<string, number>;
  /** Columns no field takes whose values look like a field's (column number -> field key): workers' names. */
  columnLooks?: Record<string, string>;
  /** A return-to-custody extract's rows as they will count (see custody-return-rows.ts). */
  custodyReturns?: CustodyReturnSummary;
}

/**
 * What a return-to-custody extract's rows will do: admissions, and people not returned as at its
 * date; and of those, how many follow no liberation recorded for the person (they are imported but
 * count nowhere until one is recorded, when the database links them to it).
 */
export interface CustodyReturnSummary {
  admissions: number;
  notReturned: number;
  admissionsWithoutLiberation: number;
  notReturnedWithoutLiberation: number;
}

/** Everything the rows of one pass are handled with. */
export interface RunState {
  db: Kysely<Database>;
  programmeId: string;
  importId: string;
  userId: string;
  teamId: string | null;
  today: string;
  /** The date a return-to-custody extract was taken (null for other kinds). */
  asAt: string | null;
  /** row number -> person id, or 'new': the user's decisions on unsure matches. */
  decisions: Record<string, string>;
  matcher: PeopleMatcher;
  episodes: EpisodeFinder;
  pending: PendingRows;
  report: RunReport;
  /** How many problems and unsure rows the report lists; more are only counted. */
  listed: number;
  /** The rows with problems, listed or not. */
  problemRows: Set<number>;
  /** field -> the heading of its column in the file, for problems a row's handler finds (filled when the header row is read). */
  columnNames: Record<string, string>;
}

export function addProblem(state: RunState, problem: RowProblem): void {
  state.report.problemCount += 1;
  state.problemRows.add(problem.rowNumber);
  if (state.report.problems.length < state.listed) state.report.problems.push(problem);
}

export function addUnsure(state: RunState, row: UnsureRow): void {
  state.report.unsureCount += 1;
  if (state.report.unsure.length < state.listed) state.report.unsure.push(row);
}

/** A problem with one of a row's fields, named by its column's heading. */
export function addFieldProblem(state: RunState, row: ReadRow, key: string, message: string): void {
  addProblem(state, { rowNumber: row.rowNumber, column: state.columnNames[key] ?? null, message });
}

export const textOf = (row: ReadRow, key: string): string | null => (typeof row.values[key] === 'string' ? (row.values[key] as string) : null);
export const numberOf = (row: ReadRow, key: string): number | null => (typeof row.values[key] === 'number' ? (row.values[key] as number) : null);

/** 'YYYY-MM-DD' as the UK writes it, for messages. */
export const ukDay = (iso: string) => iso.split('-').reverse().join('/');

/** The person a row names: separate first and last names, or a full name split at its last space. */
export function rowPerson(row: ReadRow): RowPerson {
  const fullName = textOf(row, 'fullName');
  const words = fullName?.split(/\s+/) ?? [];
  const split = words.length > 1 ? { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? null } : { first: null, last: fullName };
  return {
    prisonNumber: textOf(row, 'prisonNumber'),
    firstName: textOf(row, 'firstName') ?? split.first,
    lastName: textOf(row, 'lastName') ?? split.last,
    dateOfBirth: textOf(row, 'dateOfBirth'),
  };
}
