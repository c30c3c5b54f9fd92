import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pino from 'pino';
import type { Database } from '../../db/schema.ts';
import { audit } from '../audit/record.ts';
import { ID_TEXT_COLUMNS, programmeTables, restoredColumns, type CatalogColumn, type CatalogTable } from './catalog.ts';
import { idRemapper, isUuid, remapJsonIds } from './encoding.ts';
import { BATCH_ROWS, openExport, RestoreRefused, type SourceTable } from './export-source.ts';
import { countRows } from './reading.ts';

/** Stands in for a restored user's password hash: no password matches it, so nobody can sign in until an administrator sets one. */
export const NO_PASSWORD = '!restored: no password';
/** Most values in one statement (PostgreSQL allows 65,535 parameters). */
const MAX_PARAMETERS = 30_000;

export interface RestoreSummary {
  programmeId: string;
  /** Rows restored, by table. */
  rows: Record<string, number>;
  /** Users whose email address was already taken in this database, and the address they were given. */
  renamedEmails: { from: string; to: string }[];
}

interface Restoring {
  db: Kysely<Database>;
  programmeId: string;
  /** Restoring into a programme that was there already, holding nothing: its row is updated, never deleted. */
  intoExisting: boolean;
  slug: string;
  remap: (id: string) => string;
  /** Self-references (a merged person's record) set once every row is in. */
  later: { table: string; column: string; id: string; value: string }[];
  renamedEmails: RestoreSummary['renamedEmails'];
}

/**
 * `throughcare restore`: loads an export (zip or XLSX) into a new, empty programme `slug`, in one
 * transaction: all of it, or nothing. Every id is remapped (idRemapper), users come back deactivated
 * with no password, and the database's triggers work out the derived columns again. Refuses a slug
 * whose programme already holds data, and a file whose tables or columns this version does not have.
 */
export async function restoreProgramme(props: { db: Kysely<Database>; file: string; slug: string; name: string }): Promise<RestoreSummary> {
  const source = await openExport(props.file);
  try {
    return await props.db.transaction().execute(async (trx) => {
      const tables = new Map((await programmeTables(trx)).map((table) => [table.name, table]));
      const { programmeId, existing } = await emptyProgramme(trx, { slug: props.slug, tables: [...tables.values()] });
      const state: Restoring = {
        db: trx,
        programmeId,
        intoExisting: existing,
        slug: props.slug,
        remap: idRemapper({ fromProgrammeId: source.manifest.programme.id, toProgrammeId: programmeId }),
        later: [],
        renamedEmails: [],
      };
      const rows: Record<string, number> = {};
      for await (const table of source.tables()) {
        const target = tables.get(table.name);
        if (!target) throw new RestoreRefused(`The export has a table "${table.name}" that this version of Throughcare does not have`);
        rows[table.name] = table.name === 'programme' ? await restoreProgrammeRow(state, target, table, props) : await restoreTable(state, target, table);
        const expected = source.manifest.tables.find((t) => t.name === table.name)?.rows;
        if (rows[table.name] !== expected)
          throw new RestoreRefused(`${table.name}: the manifest says ${expected} rows but the file has ${rows[table.name]}: the file is incomplete`);
      }
      for (const { table, column, id, value } of state.later) {
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value}::uuid where id = ${id}::uuid`.execute(trx);
      }
      const ctx = { actor: null, requestId: randomUUID(), address: 'command line', db: trx, log: pino({ level: 'silent' }) };
      await audit(
        ctx,
        {
          action: 'create',
          recordType: 'programme',
          recordId: programmeId,
          detail: { restoredFrom: source.manifest.programme.slug, exportedAt: source.manifest.exportedAt, rows },
        },
        { userId: null, programmeId, label: 'command line (restore)' },
      );
      return { programmeId, rows, renamedEmails: state.renamedEmails };
    });
  } finally {
    await source.close();
  }
}

/** The programme to restore into: a new one, or one with this slug that holds nothing yet. */
async function emptyProgramme(db: Kysely<Database>, props: { slug: string; tables: CatalogTable[] }): Promise<{ programmeId: string; existing: boolean }> {
  const existing = await db.selectFrom('programme').select('id').where('slug', '=', props.slug).executeTakeFirst();
  if (!existing) return { programmeId: randomUUID(), existing: false };
  for (const table of props.tables) {
    if (table.name !== 'programme' && (await countRows(db, table, existing.id)) > 0) {
      throw new RestoreRefused(`The programme "${props.slug}" already holds data: restore into a new programme (choose another --programme)`);
    }
  }
  return { programmeId: existing.id, existing: true };
}

/** The programme's own row: its settings from the file, with its new id, slug and name. */
async function restoreProgrammeRow(state: Restoring, target: CatalogTable, table: SourceTable, props: { slug: string; name: string }): Promise<number> {
  let count = 0;
  for await (const batch of table.batches) {
    for (const values of batch) {
      count += 1;
      const given: Record<string, string | null> = Object.fromEntries(table.columns.map((column, index) => [column, values[index] ?? null]));
      const row: Record<string, string | null> = { ...given, id: state.programmeId, slug: props.slug, name: props.name };
      const columns = restorable(target, Object.keys(row));
      const restored = columns.map((column) => row[column.name] ?? null);
      // A programme is never deleted (migration 0039): the empty one restored into takes the file's settings.
      if (state.intoExisting)
        await sql`update programme set (${columnNames(columns)}) = row(${typedValues(columns, restored)}) where id = ${state.programmeId}`.execute(state.db);
      else await insertRows(state.db, target.name, columns, [restored]);
    }
  }
  return count;
}

/** The target's columns the file has, or that are set on restore; refuses a column the target does not have. */
function restorable(target: CatalogTable, names: string[]): CatalogColumn[] {
  const unknown = names.filter((name) => ![...target.columns, ...target.leftOut].some((column) => column.name === name));
  if (unknown.length > 0) throw new RestoreRefused(`${target.name}: the export has columns this version of Throughcare does not have (${unknown.join(', ')})`);
  return restoredColumns(target).filter((column) => names.includes(column.name));
}

/** A table's rows, batch by batch, with ids remapped and the programme's id set. */
async function restoreTable(state: Restoring, target: CatalogTable, table: SourceTable): Promise<number> {
  const fixed: Record<string, string> = target.name === 'app_user' ? { password_hash: NO_PASSWORD, active: 'false' } : {};
  const columns = restorable(target, [...new Set([...table.columns, ...Object.keys(fixed)])]);
  const idTexts = ID_TEXT_COLUMNS[target.name] ?? [];
  const perStatement = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length))));
  let count = 0;
  for await (const batch of table.batches) {
    const rows: (string | null)[][] = [];
    for (const values of batch) {
      const given = new Map(table.columns.map((column, index) => [column, values[index] ?? null]));
      const row = columns.map((column) => {
        const value = column.name in fixed ? (fixed[column.name] ?? null) : (given.get(column.name) ?? null);
        if (column.name === 'programme_id') return state.programmeId;
        if (value === null) return null;
        if (column.type === 'uuid' || (idTexts.includes(column.name) && isUuid(value))) return state.remap(value);
        if (column.type === 'jsonb' || column.type === 'json') return remapJsonIds(value, state.remap);
        return value;
      });
      for (const column of target.laterReferences) {
        const at = columns.findIndex((c) => c.name === column);
        const value = row[at];
        const id = row[columns.findIndex((c) => c.name === 'id')];
        if (at >= 0 && value && id) {
          state.later.push({ table: target.name, column, id, value });
          row[at] = null;
        }
      }
      if (target.name === 'app_user') await freeEmail(state, columns, row);
      rows.push(row);
    }
    for (let start = 0; start < rows.length; start += perStatement) await insertRows(state.db, target.name, columns, rows.slice(start, start + perStatement));
    count += rows.length;
  }
  return count;
}

/** Email addresses are unique across the database: a restored copy's user whose address is taken becomes NAME+SLUG@DOMAIN. */
async function freeEmail(state: Restoring, columns: CatalogColumn[], row: (string | null)[]): Promise<void> {
  const at = columns.findIndex((column) => column.name === 'email');
  const email = row[at];
  if (at < 0 || !email) return;
  const taken = async (address: string) =>
    Boolean(
      await state.db
        .selectFrom('app_user')
        .select('id')
        .where(sql<string>`lower(email)`, '=', address.toLowerCase())
        .executeTakeFirst(),
    );
  if (!(await taken(email))) return;
  const [local, domain] = [email.slice(0, email.lastIndexOf('@')), email.slice(email.lastIndexOf('@') + 1)];
  let candidate = `${local}+${state.slug}@${domain}`;
  for (let n = 2; await taken(candidate); n += 1) candidate = `${local}+${state.slug}-${n}@${domain}`;
  row[at] = candidate;
  state.renamedEmails.push({ from: email, to: candidate });
}

/** A value (always sent as text, whatever the driver would guess) cast back to its column's type; an array from its JSON. */
function typed(value: string | null, column: CatalogColumn): RawBuilder<unknown> {
  if (value === null) return sql`null`;
  const text = sql`cast(${value} as text)`;
  if (column.type.endsWith('[]')) return sql`array(select jsonb_array_elements_text(${text}::jsonb))::${sql.raw(column.type)}`;
  return sql`${text}::${sql.raw(column.type)}`;
}

const columnNames = (columns: CatalogColumn[]) => sql.join(columns.map((column) => sql.ref(column.name)));

/** A row's values, each cast to its column's type. */
const typedValues = (columns: CatalogColumn[], row: (string | null)[]) => sql.join(row.map((value, index) => typed(value, columns[index] as CatalogColumn)));

async function insertRows(db: Kysely<Database>, table: string, columns: CatalogColumn[], rows: (string | null)[][]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((row) => sql`(${typedValues(columns, row)})`));
  await sql`insert into ${sql.table(table)} (${columnNames(columns)}) values ${values}`.execute(db);
}
