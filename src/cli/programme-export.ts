import { rename, rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { exportProgrammeToFile, type ExportFormat } from '../modules/programme-export/export.ts';
import { restoreProgramme } from '../modules/programme-export/restore.ts';
import { actingAs } from './acting-as.ts';

/**
 * `throughcare export`: everything the administrator's programme holds, to `out` (written beside it
 * first, then renamed, so a failed export never leaves a partial file under the name asked for).
 */
export async function exportCommand(
  db: Kysely<Database>,
  options: { as: string; format: ExportFormat; out: string },
  out: (line: string) => void,
): Promise<void> {
  const ctx = await actingAs(db, options.as, 'exports.programme');
  const partial = `${options.out}.partial`;
  try {
    const manifest = await exportProgrammeToFile({ ctx, format: options.format, path: partial });
    await rename(partial, options.out);
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    out(`Exported ${manifest.programme.name}: ${manifest.tables.length} tables, ${rows.toLocaleString('en-GB')} rows, to ${options.out}`);
  } finally {
    await rm(partial, { force: true });
  }
}

/** `throughcare restore`: an export into a new, empty programme, all or nothing; says what to do next about users. */
export async function restoreCommand(
  db: Kysely<Database>,
  options: { file: string; programme: string; name: string },
  out: (line: string) => void,
): Promise<void> {
  const summary = await restoreProgramme({ db, file: options.file, slug: options.programme, name: options.name });
  const rows = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
  out(`Restored ${rows.toLocaleString('en-GB')} rows into the programme "${options.programme}" (${options.name}).`);
  for (const { from, to } of summary.renamedEmails) out(`  ${from} is already in use: that user is now ${to}`);
  out('Every user is deactivated and has no password. Add an administrator with:');
  out(`  throughcare create-user --programme ${options.programme} --role administrator --email EMAIL --name NAME`);
  out('who can then set passwords and reactivate the others.');
}
