import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CatalogColumn, CatalogTable } from './catalog.ts';
import { encodeValue } from './encoding.ts';

/** Rows read per query: a national programme's millions of contacts are read a page at a time, never all at once. */
const PAGE_ROWS = 2000;

/**
 * A column as exact text, the way a restore can cast it back: moments in UTC to the microsecond
 * (2026-04-01T09:30:00.123456Z), arrays and JSON as JSON, everything else as PostgreSQL writes it
 * (dates 2026-04-01, booleans true/false, numbers as stored: 12.0).
 */
function asText(column: CatalogColumn): RawBuilder<string | null> {
  const ref = sql.ref(column.name);
  if (column.type === 'timestamp with time zone') return sql`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (column.type.endsWith('[]')) return sql`array_to_json(${ref})::text`;
  return sql`${ref}::text`;
}

/** Which rows are the programme's: its own row of the programme table, and everything else by programme_id. */
const ofProgramme = (table: CatalogTable, programmeId: string) => (table.name === 'programme' ? sql`id = ${programmeId}` : sql`programme_id = ${programmeId}`);

/** How many rows of `table` the programme has. */
export async function countRows(db: Kysely<Database>, table: CatalogTable, programmeId: string): Promise<number> {
  const result = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table.name)} where ${ofProgramme(table, programmeId)}`.execute(db);
  return result.rows[0]?.count ?? 0;
}

/**
 * The programme's rows of `table` in key order, each as its values written for the export (see
 * encoding.ts), a page at a time: each page starts after the last key of the one before, so every
 * page costs the same however far into the table it is.
 */
export async function* tableRows(db: Kysely<Database>, table: CatalogTable, programmeId: string): AsyncGenerator<string[][]> {
  const values = sql.join(table.columns.map((column, index) => sql`${asText(column)} as ${sql.ref(`c${index}`)}`));
  const keyColumns = table.key.map((name) => table.columns.find((column) => column.name === name) ?? { name, type: 'text', generated: false });
  const keys = sql.join(keyColumns.map((column, index) => sql`${sql.ref(column.name)}::text as ${sql.ref(`k${index}`)}`));
  const order = sql.join(keyColumns.map((column) => sql.ref(column.name)));
  let after: string[] | null = null;
  for (;;) {
    const cursor: RawBuilder<unknown> = after
      ? sql`and (${order}) > (${sql.join(keyColumns.map((column, index) => sql`cast(${after?.[index]} as ${sql.raw(column.type)})`))})`
      : sql``;
    const page = await sql<Record<string, string | null>>`
      select ${values}, ${keys} from ${sql.table(table.name)}
      where ${ofProgramme(table, programmeId)} ${cursor}
      order by ${order} limit ${PAGE_ROWS}`.execute(db);
    if (page.rows.length === 0) return;
    yield page.rows.map((row) => table.columns.map((_, index) => encodeValue(row[`c${index}`] ?? null)));
    const last = page.rows[page.rows.length - 1] ?? {};
    after = keyColumns.map((_, index) => last[`k${index}`] ?? '');
    if (page.rows.length < PAGE_ROWS) return;
  }
}
