import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { programmeTables, readReferences, type CatalogReference, type CatalogTable } from '../programme-export/catalog.ts';

/**
 * Every row of a person's record, found from the database's own catalogue (as the programme export
 * finds its tables, decision 0003): the person, the records merged into theirs, and every row that
 * refers, through a foreign key, to a row already found (their names, sign-ups, each sign-up's
 * contacts, needs, outcomes, the outcomes' evidence files...). A table or reference added by a later
 * migration is followed without being listed here. The audit log refers to records by text, not by
 * a foreign key, so it is never reached: it is kept (append-only).
 */
export interface PersonRows {
  /** Tables in the order rows can be deleted (each before every table it refers to), with the keys of the person's rows. */
  tables: { table: CatalogTable; keys: Record<string, unknown>[] }[];
  personIds: string[];
  episodeIds: string[];
}

export interface Catalogue {
  tables: CatalogTable[];
  references: CatalogReference[];
}

/** The programme tables and the references between them, programme_id aside (every reference carries it). */
export async function readCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const all = await readReferences(db);
  const references = all.map((reference) => {
    const pairs = reference.columns.map((column, i) => [column, reference.referencedColumns[i] ?? ''] as const).filter(([column]) => column !== 'programme_id');
    return { ...reference, columns: pairs.map(([c]) => c), referencedColumns: pairs.map(([, r]) => r) };
  });
  return { tables: await programmeTables(db, all), references };
}

/** The rows of one person's record (with the records merged into it), ready to delete in order. */
export async function personRows(db: Kysely<Database>, catalogue: Catalogue, programmeId: string, personId: string): Promise<PersonRows> {
  const found = new Map<string, Map<string, Record<string, unknown>>>();
  const byName = new Map(catalogue.tables.map((table) => [table.name, table]));
  const wanted = (table: CatalogTable) => [
    ...new Set([...table.key, ...catalogue.references.filter((r) => r.referenced === table.name).flatMap((r) => r.referencedColumns)]),
  ];
  const add = (table: CatalogTable, rows: Record<string, unknown>[]) => {
    const seen = found.get(table.name) ?? new Map<string, Record<string, unknown>>();
    let added = 0;
    for (const row of rows) {
      const key = JSON.stringify(table.key.map((column) => row[column]));
      if (seen.has(key)) continue;
      seen.set(key, row);
      added += 1;
    }
    found.set(table.name, seen);
    return added;
  };
  const person = byName.get('person');
  if (!person) throw new Error('The catalogue has no person table');
  add(person, await select(db, person, wanted(person), programmeId, [{ column: 'id', values: [personId] }]));

  // Parents before children (the catalogue's order), each table again until it finds nothing new
  // (a person's own table refers to itself: the records merged into theirs).
  for (const table of catalogue.tables) {
    const incoming = catalogue.references.filter((r) => r.table === table.name && found.has(r.referenced) && r.columns.length > 0);
    let added = 1;
    while (added > 0 && incoming.length > 0) {
      added = 0;
      for (const reference of incoming) {
        const parents = [...(found.get(reference.referenced)?.values() ?? [])];
        if (parents.length === 0) continue;
        const matches = reference.columns.map((column, i) => ({
          column,
          values: [...new Set(parents.map((row) => row[reference.referencedColumns[i] ?? '']))].filter((v) => v !== null),
        }));
        if (matches.some((m) => m.values.length === 0)) continue;
        added += add(table, await select(db, table, wanted(table), programmeId, matches));
      }
      if (!incoming.some((r) => r.referenced === table.name)) break;
    }
  }
  for (const reference of catalogue.references) {
    if (found.has(reference.referenced) && !byName.has(reference.table) && reference.columns.length > 0) {
      throw new Error(`${reference.table} refers to ${reference.referenced} but is not a programme table`);
    }
  }
  const keysOf = (name: string) => [...(found.get(name)?.values() ?? [])];
  return {
    tables: [...catalogue.tables]
      .reverse()
      .map((table) => ({ table, keys: keysOf(table.name).map((row) => Object.fromEntries(table.key.map((c) => [c, row[c]]))) }))
      .filter(({ keys }) => keys.length > 0),
    personIds: keysOf('person').map((row) => String(row.id)),
    episodeIds: keysOf('episode').map((row) => String(row.id)),
  };
}

/** The rows of a table (their `columns`) whose columns hold one of the values given (each column its own list). */
async function select(db: Kysely<Database>, table: CatalogTable, columns: string[], programmeId: string, matches: { column: string; values: unknown[] }[]) {
  const where = matches.map(({ column, values }) => sql`${sql.ref(column)} in (${sql.join(values)})`);
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table.name)}
    where programme_id = ${programmeId} and ${sql.join(where, sql` and `)}`.execute(db);
  return rows;
}

/** Deletes the rows found, each table before the tables it refers to; rows of one table referring to each other go in one statement. */
export async function deleteRows(db: Kysely<Database>, programmeId: string, rows: PersonRows): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const { table, keys } of rows.tables) {
    const columns = table.key.filter((column) => column !== 'programme_id');
    const tuples = keys.map((key) => sql`(${sql.join(columns.map((c) => key[c]))})`);
    const result = await sql`
      delete from ${sql.table(table.name)}
      where programme_id = ${programmeId} and (${sql.join(columns.map((c) => sql.ref(c)))}) in (${sql.join(tuples)})`.execute(db);
    deleted[table.name] = Number(result.numAffectedRows ?? 0);
  }
  return deleted;
}
