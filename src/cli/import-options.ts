import { readFile } from 'node:fs/promises';
import type { RowKind } from '../db/schema.ts';
import { isRealDate } from '../http/date-fields.ts';
import { FIELDS } from '../modules/imports/fields.ts';
import { allUnsureAnswers, type AllUnsure } from '../modules/imports/unsure-decisions.ts';
import { UsageError } from './acting-as.ts';
import { rowKind } from './import-fields.ts';

export interface ImportOptions {
  file: string;
  /** The file's bytes, when already read (else read from `file`). */
  bytes?: Buffer;
  as: string;
  kind: RowKind;
  /** The date a return-to-custody extract was taken, YYYY-MM-DD (required for custody_returns). */
  asAt?: string;
  sheet?: string;
  headerRow?: number;
  /** field=Header text: the column of a field, where the suggestion is wrong or missing */
  column: string[];
  /** field=value in the file=what it means (an option's label, or "not recorded") */
  value: string[];
  /** An answer for every row whose person is unsure: all are new people, or each the one recorded person listed. */
  unsure?: AllUnsure;
  /** Import the rows that passed the check, leaving out (and keeping, with why) the rows with problems. */
  leaveOutProblems?: boolean;
  dryRun: boolean;
  again: boolean;
}

/** What `throughcare import` was given, as commander parsed it: the options, any of them missing, the kind not yet checked. */
export type ImportFlags = Partial<Omit<ImportOptions, 'file' | 'bytes' | 'kind' | 'column' | 'value'>> & Pick<ImportOptions, 'column' | 'value'> & { kind?: string };

/**
 * The command's options checked before the database is opened: every mistake that the command
 * alone shows (something missing, a field or kind that does not exist, a file that cannot be read)
 * is a usage mistake, said in one line.
 */
export async function importOptions(file: string | undefined, flags: ImportFlags): Promise<ImportOptions & { bytes: Buffer }> {
  if (!file) throw new UsageError('Give the .csv or .xlsx file to import (or --fields KIND to list the fields of a kind of rows)');
  if (!flags.as) throw new UsageError('Give the user importing with --as EMAIL (a team leader or administrator)');
  const options: ImportOptions = {
    file,
    as: flags.as,
    kind: rowKind(flags.kind, '--kind'),
    asAt: flags.asAt,
    sheet: flags.sheet,
    headerRow: flags.headerRow,
    column: flags.column,
    value: flags.value,
    unsure: flags.unsure,
    leaveOutProblems: Boolean(flags.leaveOutProblems),
    dryRun: Boolean(flags.dryRun),
    again: Boolean(flags.again),
  };
  checkOptions(options);
  return { ...options, bytes: await readImportFile(file) };
}

/** The usage mistakes the options show by themselves, with no database: an option for another kind of rows, a field key that does not exist. */
export function checkOptions(options: ImportOptions): void {
  const { kind } = options;
  if (options.asAt !== undefined && kind !== 'custody_returns') throw new UsageError('--as-at is only for --kind custody_returns');
  if (kind === 'custody_returns' && options.asAt === undefined) throw new UsageError('Give the date the extract was taken with --as-at YYYY-MM-DD');
  if (options.asAt !== undefined && !isRealDate(options.asAt)) throw new UsageError(`--as-at must be a real date as YYYY-MM-DD, not "${options.asAt}"`);
  for (const pair of options.column) fieldOf(kind, splitOnce(pair, '=')[0], '--column');
  for (const triple of options.value) {
    const [key, rest] = splitOnce(triple, '=');
    splitOnce(rest, '=');
    if (fieldOf(kind, key, '--value').read.type !== 'lookup') throw new UsageError(`--value: "${key}" is not a field with a list of values`);
  }
  if (options.unsure && !allUnsureAnswers(kind).includes(options.unsure)) {
    throw new UsageError(`--unsure ${options.unsure} is not for ${kind}: a return to custody is always someone recorded (use --unsure listed)`);
  }
}

/** The file to import, or a usage mistake when it is not there or cannot be read. */
export async function readImportFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No file ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder: give the .csv or .xlsx file`);
    if (code === 'EACCES') throw new UsageError(`${file} may not be read`);
    throw error;
  }
}

/** A field of the kind of rows by its key, or a usage mistake naming the keys. */
export function fieldOf(kind: RowKind, key: string, option: string) {
  const field = FIELDS[kind].find((f) => f.key === key);
  if (!field) throw new UsageError(`${option}: no field "${key}" for ${kind}: one of ${FIELDS[kind].map((f) => f.key).join(', ')} (see --fields ${kind})`);
  return field;
}

export function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at < 0) throw new UsageError(`Expected name${separator}value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}
