import { type Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { ValidationError } from '../http/errors.ts';
import { ROW_KINDS } from '../modules/imports/fields.ts';
import { UsageError } from './acting-as.ts';
import { fieldsCommand, rowKind } from './import-fields.ts';
import { importOptions, type ImportFlags } from './import-options.ts';

/**
 * Where a command reads its settings, writes and ends: the process's own environment, streams and
 * exit for the operator; captured, and ending by a throw, when a test runs the command in its process.
 */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  /** A line of standard output. */
  out(line: string): void;
  /** Text for standard error, as it is (progress counts rewrite their line). */
  err(text: string): void;
  exit(code: number): never;
}

/** The operator's streams and exit. */
export const PROCESS_IO: CommandIo = {
  env: process.env,
  out: (line) => console.log(line),
  err: (text) => void process.stderr.write(text),
  exit: (code) => process.exit(code),
};

const collect = (value: string, previous: string[]) => [...previous, value];

/** A whole-number option's value, or commander's usage mistake. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

/** Adds `throughcare import` to the program, writing and ending through io. */
export function addImportCommand(program: Command, io: CommandIo): Command {
  return (
    program
      .command('import')
      .description('import a CSV or Excel file of sign-ups, visits, contacts, outcomes or returns to custody (checked first; all or nothing)')
      .argument('[file]', 'the .csv or .xlsx file')
      .option('--as <email>', 'the user importing, a team leader or administrator (required)')
      .addOption(new Option('--kind <kind>', 'what the rows are (required)').choices(Object.keys(ROW_KINDS)))
      .option('--fields [kind]', 'list the fields of a kind of rows (the keys for --column and --value) and the headings each is found under, and stop')
      .option('--as-at <YYYY-MM-DD>', 'the date a return-to-custody extract was taken (required for custody_returns)')
      .option('--sheet <name>', 'the sheet of a workbook (default: the first)')
      .option('--header-row <number>', 'the row with the column headings (default: found from the headings)', wholeNumber)
      .option('--column <field=Header>', 'the column of a field, when the suggestion is wrong (repeatable)', collect, [])
      .option('--value <field=value=meaning>', 'what a value in the file means, e.g. gate=N=Gate meeting missed (repeatable)', collect, [])
      .addOption(new Option('--unsure <answer>', 'rows that may be someone already recorded: all are new people, or each is the recorded person listed with it').choices(['new', 'listed']))
      .option('--leave-out-problems', 'import the rows that pass the check and leave out the rows with problems (kept with the import, with why)')
      .option('--dry-run', 'check every row and write nothing')
      .option('--again', 'import a file that was imported before')
      .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text) })
      // A mistake in how it is called (an unknown option, a missing value) is a usage mistake: exit 2.
      .exitOverride((error) => io.exit(error.exitCode === 0 ? 0 : 2))
      .action(async (file: string | undefined, flags: ImportFlags & { fields?: string | true }) => {
        io.exit(await importAction(file, flags, io));
      })
  );
}

/** `throughcare import`'s exit code: 0 done (or listed), 1 the file refused, 2 a mistake in the command, said on standard error. */
async function importAction(file: string | undefined, flags: ImportFlags & { fields?: string | true }, io: CommandIo): Promise<number> {
  try {
    if (flags.fields !== undefined) return fieldsCommand(rowKind(flags.fields, '--fields'), io.out);
    const options = await importOptions(file, flags);
    const settings = loadConfig(io.env);
    const { importCommand } = await import('./import.ts');
    const { database } = await openDatabase(settings);
    try {
      return await importCommand(database.db, settings.import, options, io.out, io.err);
    } finally {
      // The embedded database's runtime resets process.exitCode when it closes: the code is returned.
      await database.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ValidationError || error instanceof ConfigError)) throw error;
    // A mistake in the command or the settings (exit 2) or a file that cannot be imported (1): said without a stack trace.
    io.err(`${error instanceof ValidationError ? error.problems.map((p) => p.message).join('\n') : error.message}\n`);
    return error instanceof ValidationError ? 1 : 2;
  }
}
