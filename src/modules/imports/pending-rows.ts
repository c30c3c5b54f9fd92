import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The tables an import writes, in the order their rows must go in (a row refers only to earlier tables). */
const TABLES = ['person', 'person_name', 'prison_number', 'episode', 'assignment', 'pre_release_visit', 'contact', 'outcome', 'custody_return'] as const;
export type ImportedTable = (typeof TABLES)[number];

/** How many rows go into one insert statement. */
const BATCH = 1000;

/**
 * The rows an import will write, held a batch at a time and inserted in table order. Every row
 * carries the import's id. When only checking, nothing is written: the rows are counted and dropped.
 */
export class PendingRows {
  private readonly rows = new Map<ImportedTable, object[]>();
  readonly counts: Partial<Record<ImportedTable, number>> = {};
  /** Rows written to each table when its statistics were last taken. */
  private readonly analysedAt = new Map<ImportedTable, number>();

  constructor(
    private readonly db: Kysely<Database> | null,
    private readonly importId: string,
  ) {}

  add<T extends ImportedTable>(table: T, row: Omit<Insertable<Database[T]>, 'import_id'>): void {
    const list = this.rows.get(table) ?? [];
    list.push({ ...row, import_id: this.importId });
    this.rows.set(table, list);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  /** Writes what is held (when writing), in table order. */
  async flush(): Promise<void> {
    for (const table of TABLES) {
      const list = this.rows.get(table);
      if (!list?.length) continue;
      this.rows.delete(table);
      if (!this.db) continue;
      for (let start = 0; start < list.length; start += BATCH) {
        await this.db
          .insertInto(table)
          .values(list.slice(start, start + BATCH) as never)
          .execute();
      }
      await this.analyseWhenGrown(table);
    }
  }

  /**
   * PostgreSQL plans every later query of the import (people matched by name, sign-ups closed) from
   * the tables' statistics, taken before the import's rows went in: for a programme moving in, empty
   * tables, and plans that read a whole table once per row (20,000 sign-ups: minutes). The import's
   * tables are analysed, inside its transaction (which sees its own rows), each time the rows written
   * to one have doubled: a few times per import. Only the tables' owner may analyse them; for another
   * role PostgreSQL warns and does nothing.
   */
  private async analyseWhenGrown(table: ImportedTable): Promise<void> {
    const written = this.counts[table] ?? 0;
    if (!this.db || written < 1000 || written < 2 * (this.analysedAt.get(table) ?? 0)) return;
    this.analysedAt.set(table, written);
    await sql`analyze ${sql.table(table)}`.execute(this.db);
  }
}
