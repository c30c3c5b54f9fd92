import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { copyField, copyLine, copyQuery } from '../../db/copy.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from './new-id.ts';

/** The tables an import writes, in the order their rows must go in (a row refers only to earlier tables). */
const TABLES = [
  'person',
  'person_name',
  'prison_number',
  'episode',
  'assignment',
  'pre_release_visit',
  'contact',
  'outcome',
  'custody_return',
  'family',
  'family_client',
  'family_member',
  'family_referral',
  'family_support',
  'family_support_member',
] as const;
export type ImportedTable = (typeof TABLES)[number];

/**
 * The tables whose rows the import gives their ids. The database would make them (`gen_random_uuid()`),
 * but PostgreSQL's COPY inserts one row at a time into a table with a column left to a volatile
 * default, and otherwise many at once (names, prison numbers, contacts: about a fifth less time;
 * a row trigger before insert, as sign-ups have, also makes it go row by row).
 */
const GIVEN_IDS: ReadonlySet<ImportedTable> = new Set(TABLES.filter((table) => table !== 'family_support_member'));

/** Rows of a table that give the same columns, as lines of COPY text: one COPY writes them. */
interface Lines {
  table: ImportedTable;
  columns: string[];
  lines: string[];
}

/** A table's rows of a chunk, as the COPYs that write them. */
interface Copy {
  table: ImportedTable;
  queries: CompiledQuery[];
  rows: number;
}

/**
 * Rows held before they are written: a few thousand rows per insert statement, so that the tables'
 * statement-level triggers (the engagement roll-ups, a sign-up's contacts) and each statement's fixed
 * cost are paid once per chunk, while memory holds one chunk, never the file. The rows a pass holds
 * are this file's own people and sign-ups, which later rows find in memory, not in the database, so
 * nothing the pass reads depends on when they are written, or whether it can see them at all (on
 * PostgreSQL it reads beside the transaction and never does: RunProps.reader).
 */
const CHUNK_ROWS = 5000;
/**
 * The first chunks are smaller (each twice the one before), so that the database starts writing
 * soon after the pass starts reading, rather than waiting idle for a whole chunk.
 */
const FIRST_CHUNK_ROWS = 1000;
/** Rows the pass reads or adds, while a chunk is being written, before it lets the writer on. */
const ROWS_PER_TURN = 100;

/**
 * The rows an import will write, held a chunk at a time and written in table order, one COPY per
 * table (and per set of columns given). Every row carries the import's id. Each row is turned into
 * its line of COPY text as it is added, a little at a time between the pass's reads, rather than a
 * chunk at once, which kept the database waiting for its next COPY while the text was made. When
 * only checking, nothing is written: the rows are counted and dropped.
 */
export class PendingRows {
  /** The chunk's rows, by table and the columns they give, in the order first given. */
  private chunk = new Map<string, Lines>();
  private held = 0;
  /** Rows held before the next chunk is written: FIRST_CHUNK_ROWS, doubling to CHUNK_ROWS. */
  private chunkRows = FIRST_CHUNK_ROWS;
  private rowsSinceTurn = 0;
  readonly counts: Partial<Record<ImportedTable, number>> = {};
  /** Rows written to each table when its statistics were last taken. */
  private readonly analysedAt = new Map<ImportedTable, number>();
  private readonly written: Partial<Record<ImportedTable, number>> = {};
  /** The people's names: written last (see add). */
  private readonly names = new Map<string, Lines>();
  /** The chunk being written. */
  private writing: Promise<void> | null = null;
  /** Every line's last field: the import's id. */
  private readonly importField: string;

  constructor(
    private readonly db: Kysely<Database> | null,
    importId: string,
  ) {
    this.importField = `\t${copyField(importId)}`;
  }

  /**
   * Holds a row to write. The people's names wait until the end: people are matched by name against
   * the names recorded, and this file's own names, written as it goes, crowd the search (each the
   * nearest to the next row's) and slow it a hundredfold (20,000 new people: minutes, not seconds),
   * even read beside the transaction, which cannot see them but must step over them. The import's
   * own people are matched in memory; nothing else the pass reads is a name.
   */
  add<T extends ImportedTable>(table: T, row: Omit<Insertable<Database[T]>, 'import_id'>): void {
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    if (!this.db) return;
    const values = (GIVEN_IDS.has(table) && !('id' in row) ? { id: newId(), ...row } : row) as Record<string, unknown>;
    // A value left undefined is not given: the column's default, as an insert of objects has it.
    let key: string = table;
    for (const column in values) if (values[column] !== undefined) key += `,${column}`;
    const held = table === 'person_name' ? this.names : this.chunk;
    let group = held.get(key);
    if (!group) {
      group = { table, columns: Object.keys(values).filter((column) => values[column] !== undefined), lines: [] };
      held.set(key, group);
    }
    group.lines.push(copyLine(group.columns, values) + this.importField);
    this.held += 1;
  }

  /**
   * Called by the pass for each row it reads or adds. While a chunk is being written, every hundred
   * rows it gives the event loop a turn, so that the database's reply to one COPY is read, and the
   * next COPY sent, without waiting for the pass to finish its batch (500 sign-ups are about 30 ms of
   * JavaScript). Importing 20,000 sign-ups, the transaction's connection waited 0.6–0.7 s between its
   * statements without these turns, 0.45–0.5 s with them.
   */
  async letWriterOn(): Promise<void> {
    if (this.writing === null || ++this.rowsSinceTurn < ROWS_PER_TURN) return;
    this.rowsSinceTurn = 0;
    await nextTurn();
  }

  /**
   * The end of a batch of the file: once a chunk is held, it is written while the pass reads on (on
   * PostgreSQL the database works while the file is read): one chunk at a time, so memory holds at
   * most two.
   */
  async flush(): Promise<void> {
    if (this.held < this.chunkRows) return;
    this.chunkRows = Math.min(2 * this.chunkRows, CHUNK_ROWS);
    const copies = this.copiesOf(this.take());
    await this.settle();
    const writing = this.write(copies);
    // Awaited by the next flush, settle or finish; until then its failure must not go unhandled.
    writing.catch(() => undefined);
    this.writing = writing;
  }

  /**
   * Waits for the chunk being written, if any: its failure is thrown here. A pass that fails calls it
   * first, since a chunk that failed makes the pass's next query in the transaction fail too ("the
   * transaction is aborted"): the chunk's own error says why. (On PostgreSQL the pass reads beside
   * the transaction, so a failed chunk shows only at the next flush or at the finish.)
   */
  async settle(): Promise<void> {
    const writing = this.writing;
    this.writing = null;
    await writing;
  }

  /** Writes every row still held: when it returns, all the pass's rows are in the database. */
  async finish(): Promise<void> {
    const copies = this.copiesOf(this.take());
    await this.settle();
    await this.write(copies);
    for (const group of this.names.values())
      for (let start = 0; start < group.lines.length; start += CHUNK_ROWS)
        await this.write(this.copiesOf([{ ...group, lines: group.lines.slice(start, start + CHUNK_ROWS) }]));
    this.names.clear();
  }

  /** The chunk's rows, taken out to be written. */
  private take(): Lines[] {
    const groups = [...this.chunk.values()];
    this.chunk = new Map();
    this.held = 0;
    return groups;
  }

  /** The COPYs that write the groups of rows, in table order: one per table and set of columns given. */
  private copiesOf(groups: Lines[]): Copy[] {
    const { db } = this;
    if (!db) return [];
    const copies: Copy[] = [];
    for (const table of TABLES) {
      const ofTable = groups.filter((group) => group.table === table);
      if (ofTable.length === 0) continue;
      const queries = ofTable.map((group) => copyQuery(db, table, [...group.columns, 'import_id'], group.lines));
      copies.push({ table, queries, rows: ofTable.reduce((sum, group) => sum + group.lines.length, 0) });
    }
    return copies;
  }

  private async write(copies: Copy[]): Promise<void> {
    const { db } = this;
    if (!db) return;
    for (const { table, queries, rows } of copies) {
      for (const query of queries) await db.executeQuery(query);
      this.written[table] = (this.written[table] ?? 0) + rows;
      await this.analyseWhenGrown(db, table);
    }
  }

  /**
   * PostgreSQL plans every later query of the import (people matched by name, sign-ups closed) from
   * the tables' statistics, taken before the import's rows went in: for a programme moving in, empty
   * tables, and plans that read a whole table once per row (20,000 sign-ups: minutes). The import's
   * tables are analysed, inside its transaction (which sees its own rows), each time the rows written
   * to one have doubled: a few times per import. Only a table's owner may analyse it, so the service's
   * role does it through analyse_table (migration 0034), which runs as the owner; roughly (a tenth of
   * the usual sample, migration 0040), as the import's plans need only the tables' size and keys.
   */
  private async analyseWhenGrown(db: Kysely<Database>, table: ImportedTable): Promise<void> {
    const written = this.written[table] ?? 0;
    if (written < 1000 || written < 2 * (this.analysedAt.get(table) ?? 0)) return;
    this.analysedAt.set(table, written);
    await sql`select analyse_table_roughly(${table})`.execute(db);
  }
}
