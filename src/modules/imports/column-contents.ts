import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../../db/schema.ts';
import { cellText, type SpreadsheetRow } from '../../spreadsheets/cells.ts';
import { FIELDS } from './fields.ts';
import { lookupOptions } from './lookups.ts';
import { matchWorker } from './worker-names.ts';

/** How many different values of a column are looked at, from at most how many rows (a column of few values never fills its sample). */
const SAMPLE = 50;
const SAMPLE_ROWS = 2000;

/**
 * A few different values of each column no field takes, to see what they hold whatever the heading
 * says: a column ("Seen by", "LC") most of whose values name users holds workers' names.
 */
export class UnusedColumnSample {
  private readonly values = new Map<number, Set<string>>();
  private rows = 0;

  constructor(columnCount: number, chosen: Record<string, number>) {
    const used = new Set(Object.values(chosen));
    for (let column = 1; column <= columnCount; column += 1) if (!used.has(column)) this.values.set(column, new Set());
  }

  add(row: SpreadsheetRow): void {
    this.rows += 1;
    if (this.rows > SAMPLE_ROWS) return;
    for (const [column, seen] of this.values) {
      if (seen.size >= SAMPLE) continue;
      const text = cellText(row.cells[column - 1] ?? null);
      if (text) seen.add(text);
    }
  }

  /** Column (as text) -> the worker field not yet chosen that the column's values look like. */
  async looks(db: Kysely<Database>, props: { programmeId: string; kind: RowKind; chosen: Record<string, number> }): Promise<Record<string, string>> {
    const field = FIELDS[props.kind].find((f) => f.read.type === 'lookup' && f.read.source.from === 'worker' && props.chosen[f.key] === undefined);
    if (!field) return {};
    const users = await lookupOptions(db, props.programmeId, { from: 'worker' });
    const looks: Record<string, string> = {};
    for (const [column, seen] of this.values) {
      const named = [...seen].filter((value) => matchWorker(users, value) !== undefined).length;
      if (seen.size >= 2 && named * 2 >= seen.size) looks[String(column)] = field.key;
    }
    return looks;
  }
}
