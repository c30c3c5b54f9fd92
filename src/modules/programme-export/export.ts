import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { sheetNames } from '../../http/xlsx.ts';
import { audit } from '../audit/record.ts';
import { programmeTables, type CatalogTable } from './catalog.ts';
import { ENCODING, EXPORT_FORMAT, FORMAT_VERSION, leftOut, SHEET_DATA_ROWS, type Manifest } from './manifest.ts';
import { countRows, tableRows } from './reading.ts';
import { writeXlsx } from './write-xlsx.ts';
import { writeZip } from './write-zip.ts';

export const EXPORT_FORMATS = ['zip', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a writer is given: the manifest, the tables in order, and each table's rows a page at a time. */
export interface ExportTables {
  manifest: Manifest;
  tables: CatalogTable[];
  rows: (table: CatalogTable) => AsyncIterable<string[][]>;
}

/** The sheets a table fills: its name, then "name (2)"... when it has more rows than a sheet holds. */
function sheetsOf(table: string, rows: number): string[] {
  const parts = Math.max(1, Math.ceil(rows / SHEET_DATA_ROWS));
  return Array.from({ length: parts }, (_, part) => (part === 0 ? table : `${table} (${part + 1})`));
}

async function buildManifest(db: Kysely<Database>, programmeId: string, tables: CatalogTable[]): Promise<Manifest> {
  const programme = await db.selectFrom('programme').select(['id', 'slug', 'name']).where('id', '=', programmeId).executeTakeFirstOrThrow();
  const counts = [];
  for (const table of tables) counts.push({ name: table.name, rows: await countRows(db, table, programmeId) });
  const allSheets = sheetNames(['README', 'manifest', ...counts.flatMap((table) => sheetsOf(table.name, table.rows))]).slice(2);
  return {
    format: EXPORT_FORMAT,
    formatVersion: FORMAT_VERSION,
    programme,
    exportedAt: new Date().toISOString(),
    encoding: ENCODING,
    leftOut: leftOut(),
    tables: counts.map((table) => ({ ...table, file: `${table.name}.csv`, sheets: allSheets.splice(0, sheetsOf(table.name, table.rows).length) })),
  };
}

/**
 * Writes everything the actor's programme holds to `out`, as a zip of CSV files or one XLSX
 * workbook, and audits it as an export. It reads one consistent snapshot (a repeatable-read
 * transaction), so every reference in the file points at a row in it and the manifest's counts are
 * the rows written; the audit event of the export itself is the last row of the audit log.
 */
export async function exportProgramme(props: { ctx: SignedInCtx; format: ExportFormat; out: Writable }): Promise<Manifest> {
  const { format, out } = props;
  const programmeId = props.ctx.actor.programmeId;
  return props.ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await audit({ ...props.ctx, db: trx }, { action: 'export', recordType: 'programme', recordId: programmeId, detail: { format } });
      const tables = await programmeTables(trx);
      const manifest = await buildManifest(trx, programmeId, tables);
      const rows = (table: CatalogTable) => tableRows(trx, table, programmeId);
      await (format === 'zip' ? writeZip : writeXlsx)({ manifest, tables, rows, out });
      return manifest;
    });
}

/** exportProgramme into a file at `path`. */
export async function exportProgrammeToFile(props: { ctx: SignedInCtx; format: ExportFormat; path: string }): Promise<Manifest> {
  const out = createWriteStream(props.path);
  try {
    return await exportProgramme({ ctx: props.ctx, format: props.format, out });
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
}
