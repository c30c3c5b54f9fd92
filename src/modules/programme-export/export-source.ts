import { open } from 'node:fs/promises';
import { decodeValue } from './encoding.ts';
import { type Manifest, manifestSchema } from './manifest.ts';
import { readXlsxExport } from './read-xlsx.ts';
import { readZipExport } from './read-zip.ts';

/** A restore read a mistake in the file or the command: said as it is, and nothing is written. */
export class RestoreRefused extends Error {}

/** One table of an export being read: its column names, then its rows (values decoded: text or null), a batch at a time. */
export interface SourceTable {
  name: string;
  columns: string[];
  batches: AsyncIterable<(string | null)[][]>;
}

/** An export file opened for restoring: its manifest, and its tables in the manifest's order (each read once, in turn). */
export interface ExportSource {
  manifest: Manifest;
  tables(): AsyncGenerator<SourceTable>;
  close(): Promise<void>;
}

/** Rows a restore writes in one statement (fewer for wide tables, to stay within PostgreSQL's parameters). */
export const BATCH_ROWS = 1000;

/** Rows of written values as decoded batches: what a restore writes a statement at a time. */
export async function* inBatches(rows: AsyncIterable<string[]>, width: number): AsyncGenerator<(string | null)[][]> {
  let batch: (string | null)[][] = [];
  for await (const values of rows) {
    batch.push(Array.from({ length: width }, (_, index) => decodeValue(values[index] ?? '')));
    if (batch.length === BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The manifest as written by an export, or RestoreRefused saying what is wrong. */
export function parseManifest(text: string | undefined): Manifest {
  if (text === undefined) throw new RestoreRefused('This is not a Throughcare programme export: it has no manifest');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RestoreRefused('The export’s manifest is damaged');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new RestoreRefused('This is not a Throughcare programme export this version can read (format or version not recognised)');
  return parsed.data;
}

/** Opens an export (a .zip of CSV files or an .xlsx workbook, told apart by what is inside, not the name). */
export async function openExport(path: string): Promise<ExportSource> {
  const handle = await open(path, 'r').catch(() => {
    throw new RestoreRefused(`Cannot read ${path}`);
  });
  const start = Buffer.alloc(4);
  await handle.read(start, 0, 4, 0);
  await handle.close();
  if (start.readUInt32LE(0) !== 0x04034b50) throw new RestoreRefused('This is not a Throughcare programme export: expected a .zip or .xlsx file');
  return (await readZipExport(path)) ?? readXlsxExport(path);
}
