import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Bulk writes by COPY, which Kysely does not speak: `copyQuery` makes a `copy ... from stdin`
 * statement with its rows, as COPY's text format, in a CopyData parameter, and each database's
 * client (see connect.ts) hands them to its own COPY: pg-copy-streams on PostgreSQL, a blob on
 * PGlite. On PostgreSQL a COPY of 20,000 sign-ups' rows took two thirds of the time of one insert
 * of the same rows as a JSON parameter (docs/decisions/0011-bulk-writes-by-copy.md).
 */
export class CopyData {
  constructor(readonly text: string) {}
}

/** The first parameter of a COPY from stdin made by copyQuery, if this query is one. */
export function copyDataOf(parameters: readonly unknown[] | undefined): CopyData | null {
  const first = parameters?.[0];
  return first instanceof CopyData ? first : null;
}

/**
 * The COPY that writes the lines (each made by copyLine for these columns) into the table, to run
 * with `db.executeQuery` (in the caller's transaction, if `db` is one). Made apart from running it,
 * so that a writer can make the next while the database runs this one.
 */
export function copyQuery(db: Kysely<Database>, table: string, columns: readonly string[], lines: readonly string[]): CompiledQuery {
  const names = sql.join(columns.map((column) => sql.ref(column)));
  const statement = sql`copy ${sql.table(table)} (${names}) from stdin`.compile(db);
  return CompiledQuery.raw(statement.sql, [new CopyData(lines.length > 0 ? `${lines.join('\n')}\n` : '')]);
}

/** A row as a line of COPY's text format (without its end): a value, or null, for each column. */
export function copyLine(columns: readonly string[], row: Readonly<Record<string, unknown>>): string {
  return columns.map((column) => copyField(row[column])).join('\t');
}

/** String.prototype.toWellFormed (Node 20; not yet in the compiler's ES2023 library). */
type WellFormed = string & { toWellFormed(): string };

/**
 * One value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped;
 * an array as an array literal; text made well formed first (a lone surrogate becomes U+FFFD, as a
 * text parameter has it).
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return escapeCopyText(copyValue(value));
}

function copyValue(value: unknown): string {
  if (typeof value === 'string') return (value as WellFormed).toWellFormed();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((item) => (item === null ? 'NULL' : `"${copyValue(item).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  return JSON.stringify(value);
}

const escapeCopyText = (text: string) => text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
