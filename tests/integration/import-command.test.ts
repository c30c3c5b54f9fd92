import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/acting-as.ts';
import { importCommand } from '../../src/cli/import.ts';
import { loadConfig } from '../../src/config.ts';
import { connectPglite } from '../../src/db/connect.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import { countEngagement } from '../../src/modules/reports/engagement-queries.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { CLI, commandEnv, importInProcess, migratedDataDir, throughcareIn } from '../support/command-line.ts';
import { EXPECTED, SAMPLES } from '../support/imports.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';

/**
 * `throughcare import` on an embedded database in a folder of its own (the demo programme in it):
 * run as the command line defines it, in this process (a process of its own costs seconds to start);
 * in its own process, as an operator runs it, where the process matters: its exit code once the
 * database is closed, and killing it part-way through.
 */
const samplePath = (name: string) => fileURLToPath(new URL(name, SAMPLES));
let dataDir: string;
/** The test's own files. */
let files: string;

const env = () => commandEnv(dataDir);
const throughcare = (...args: string[]) => importInProcess(args, env());

/** What the embedded database holds now (the command-line process must have ended). */
async function inDatabase<T>(read: (db: Awaited<ReturnType<typeof connectPglite>>['db']) => Promise<T>): Promise<T> {
  const handle = await connectPglite(dataDir);
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

const AS = ['--as', 'team.leader@roop.example'];

beforeAll(async () => {
  dataDir = await migratedDataDir('throughcare-import-', (db) => seedDemo({ db, password: DEMO_PASSWORD }));
  files = await mkdtemp(join(tmpdir(), 'throughcare-import-files-'));
}, 120_000);
afterAll(() => Promise.all([dataDir, files].map((folder) => rm(folder, { recursive: true, force: true }))));

describe('throughcare import', () => {
  it('stops at what it cannot read, says which rows and values, and writes nothing', async () => {
    const run = await throughcare(samplePath('signups.xlsx'), ...AS, '--kind', 'sign_ups');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('unknown gate "N" in 61 rows (first row 4)');
    expect(run.stdout).not.toContain('Imported');
  }, 120_000);

  it('imports the sample set so that the engagement report shows the figures it holds', async () => {
    const signUps = await throughcare(samplePath('signups.xlsx'), ...AS, '--kind', 'sign_ups', '--value', 'gate=N=Gate meeting missed');
    expect(signUps.stderr).not.toMatch(/Error/);
    expect(signUps.stdout).toMatch(/Imported 240 rows: 210 people, 210 names, 210 prison numbers, 240 sign-ups/);
    const contacts = await throughcare(samplePath('contacts.csv'), ...AS, '--kind', 'contacts', '--value', 'contactType=Prison visit=Face to face');
    expect(contacts.stdout).toContain('Imported 705 rows: 705 contacts');

    const counts = await inDatabase(async (db) => {
      const user = await db
        .selectFrom('app_user as u')
        .innerJoin('programme as p', 'p.id', 'u.programme_id')
        .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
        .where('u.email', '=', 'manager@roop.example')
        .executeTakeFirstOrThrow();
      const ctx = { actor: actorFromRow(user, 'session'), requestId: 'test', address: 'test', db, log: pino({ level: 'silent' }) };
      return countEngagement({ ctx, filter: { from: '2009-01-01', to: '2010-12-31' } });
    });
    expect(counts.totals).toMatchObject({ signUps: EXPECTED.signups, people: EXPECTED.people, engagedSignUps: EXPECTED.engagedSignups, engagedPeople: EXPECTED.engagedPeople });
  }, 120_000);

  it('refuses the same file again unless told --again', async () => {
    const run = await throughcare(samplePath('contacts.csv'), ...AS, '--kind', 'contacts', '--dry-run');
    expect(run.status).toBe(0);
    const again = await throughcare(samplePath('contacts.csv'), ...AS, '--kind', 'contacts');
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('This file was imported before (contacts.csv)');
  }, 120_000);

  it('leaves the database as it was when the process is killed part-way through an import', async () => {
    const numbers = await inDatabase((db) => db.selectFrom('prison_number').select('number').execute());
    const lines = ['Prisoner Number,Date,Type of contact'];
    // Stopped a thousand or so rows into the import: twenty times that is far from done (a bigger file only makes its check longer).
    for (let i = 0; i < 20_000; i += 1) lines.push(`${numbers[i % numbers.length]?.number},01/06/2011,Phone`);
    const file = join(dataDir, '..', `many-contacts-${process.pid}.csv`);
    await writeFile(file, lines.join('\n'));
    const before = await inDatabase(async (db) => ({
      contacts: Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      episodes: await db.selectFrom('episode').select(['id', 'first_contact_on', 'last_contact_on']).orderBy('id').execute(),
    }));

    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', file, ...AS, '--kind', 'contacts'], { env: env() });
    let importing = false;
    let rowsSinceImporting = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Importing:')) importing = true;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (importing) rowsSinceImporting += chunk.toString();
    });
    const ended = new Promise((resolve) => child.once('exit', resolve));
    while (!/\d{1,2},\d{3} rows/.test(rowsSinceImporting)) {
      if (child.exitCode !== null) throw new Error('The import ended before it could be stopped');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await ended;

    const after = await inDatabase(async (db) => ({
      contacts: Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      episodes: await db.selectFrom('episode').select(['id', 'first_contact_on', 'last_contact_on']).orderBy('id').execute(),
      batch: await db.selectFrom('import_batch').select('status').where('file_name', 'like', 'many-contacts-%').executeTakeFirstOrThrow(),
    }));
    expect(after.contacts).toBe(before.contacts);
    expect(after.episodes).toEqual(before.episodes);
    expect(after.batch.status).toBe('draft');
    await rm(file, { force: true });
  }, 180_000);
});

/** A file of the test's own. */
async function fileOf(name: string, lines: string[]): Promise<string> {
  const file = join(files, name);
  await writeFile(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

describe('throughcare import --fields', () => {
  it('lists each field of a kind of rows: its key, label, whether required, and the headings it is found under, with no file, database or user', async () => {
    const nowhere = join(tmpdir(), `throughcare-no-database-${process.pid}`);
    const run = await importInProcess(['--fields', 'contacts'], commandEnv(nowhere));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  prisonNumber: Prison number, required');
    expect(lines).toContain('  durationMinutes: Duration in minutes');
    expect(lines).toContain('    headings: duration; duration mins; minutes; length; duration minutes; time spent');
    expect(lines).toContain('  worker: Worker');
    expect(run.stdout).not.toContain('sentenceMonths');
    // Nothing was opened or made: the data folder does not exist.
    await expect(stat(nowhere)).rejects.toThrow(/ENOENT/);
  }, 120_000);

  it('says a return-to-custody extract must have its admission dates column', async () => {
    const run = await importInProcess(['--fields', 'custody_returns'], env());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  admittedOn: Date admitted to custody, its column required');
  }, 120_000);

  it.each([
    ['no kind', ['--fields']],
    ['a kind that is not one', ['--fields', 'contact']],
  ])('takes %s as a usage mistake (exit 2) that lists the kinds', async (_what, args) => {
    const run = await importInProcess(args, env());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('one of sign_ups (people and sign-ups), visits (pre-release visits), contacts (community contacts), outcomes (outcomes), custody_returns (return to custody)');
    expect(run.stdout).toBe('');
  }, 120_000);
});

describe('throughcare import: exit codes', () => {
  const contacts = samplePath('contacts.csv');
  const returns = samplePath('return-to-custody.csv');
  const CONTACTS = [contacts, ...AS, '--kind', 'contacts'];

  // Mistakes the command alone shows: none opens the database.
  it.each([
    ['an option the command does not have', [...CONTACTS, '--unsure-are-new'], "unknown option '--unsure-are-new'"],
    ['no file', [...AS, '--kind', 'contacts'], 'Give the .csv or .xlsx file to import'],
    ['a file that is not there', ['no-such-file.csv', ...AS, '--kind', 'contacts'], 'No file no-such-file.csv'],
    ['no user', [contacts, '--kind', 'contacts'], 'Give the user importing with --as EMAIL'],
    ['no kind of rows', [contacts, ...AS], '--kind: give a kind of rows: one of sign_ups (people and sign-ups)'],
    ['an unknown kind of rows', [contacts, ...AS, '--kind', 'contact'], "argument 'contact' is invalid. Allowed choices are sign_ups, visits, contacts, outcomes, custody_returns"],
    ['an option without its value', [...CONTACTS, '--sheet'], "option '--sheet <name>' argument missing"],
    ['a header row that is not a number', [...CONTACTS, '--header-row', 'two'], 'Expected a whole number'],
    ['an unknown --column field', [...CONTACTS, '--column', 'prisonNo=Prisoner Number'], '--column: no field "prisonNo" for contacts: one of prisonNumber, contactOn'],
    ['an unknown --value field', [...CONTACTS, '--value', 'colour=N=No'], '--value: no field "colour" for contacts'],
    ['a --value for a field without a list', [...CONTACTS, '--value', 'notes=x=y'], '--value: "notes" is not a field with a list of values'],
    ['--as-at for a file that is not an extract', [...CONTACTS, '--as-at', '2020-01-01'], '--as-at is only for --kind custody_returns'],
    ['an extract without --as-at', [returns, ...AS, '--kind', 'custody_returns'], 'Give the date the extract was taken with --as-at YYYY-MM-DD'],
    ['--as-at that is not a date', [returns, ...AS, '--kind', 'custody_returns', '--as-at', '2020-02-30'], '--as-at must be a real date as YYYY-MM-DD, not "2020-02-30"'],
    ['--unsure that is not an answer', [...CONTACTS, '--unsure', 'maybe'], "argument 'maybe' is invalid. Allowed choices are new, listed"],
    ['--unsure new for an extract', [returns, ...AS, '--kind', 'custody_returns', '--as-at', '2020-01-01', '--unsure', 'new'], '--unsure new is not for custody_returns'],
  ])('takes %s as a usage mistake: exit 2, said in one line', async (_what, args, message) => {
    const run = await importInProcess(args, env());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  }, 120_000);

  // In its own process: the exit code survives the embedded database's closing.
  it('takes an unknown user, found in the database, as a usage mistake: exit 2, said in one line', async () => {
    const run = await throughcareIn(dataDir, ['import', contacts, '--as', 'nobody@roop.example', '--kind', 'contacts']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('No active user nobody@roop.example');
  }, 120_000);

  // Mistakes found in the database or the file: the command's own function, in this process (a usage
  // mistake is an exit code 2 as above), to spare a process each.
  it.each([
    ['a user who may not import', { as: 'analyst@roop.example' }, 'analyst@roop.example may not do this (an analyst)'],
    ['a heading the file does not have', { column: ['notes=Remarks'] }, '--column: no column headed "Remarks": the headings are "Prisoner Number", "Client name"'],
    ['a meaning that is not one of the values', { value: ['contactType=Phone=Carrier pigeon'] }, '--value: "Carrier pigeon" is not one of the values of contactType'],
    ['--as-at in the future', { file: returns, kind: 'custody_returns', asAt: '2999-01-01' }, '--as-at 2999-01-01 is in the future'],
    ['a sheet the workbook does not have', { file: samplePath('signups.xlsx'), kind: 'sign_ups', sheet: 'Sign-ups 2011' }, 'There is no sheet called "Sign-ups 2011" in this file'],
  ] as const)('takes %s as a usage mistake', async (_what, change, message) => {
    const options = { file: contacts, as: 'team.leader@roop.example', kind: 'contacts', column: [], value: [], dryRun: true, again: false, ...change } as const;
    const refusal = await inDatabase((db) => importCommand(db, loadConfig({ NODE_ENV: 'test' }).import, { ...options, column: [...options.column], value: [...options.value] }, () => undefined).catch((error: unknown) => error));
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as Error).message).toContain(message);
  }, 120_000);

  it('refuses a file it cannot read as a spreadsheet with exit 1: a problem with the file, not the command', async () => {
    const file = join(files, 'not-a-workbook.xlsx');
    await writeFile(file, 'this is not a workbook');
    const run = await throughcare(file, ...AS, '--kind', 'contacts');
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).not.toBe('');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe('throughcare import: what it leaves out, and deciding rows', () => {
  const count = (db: Awaited<ReturnType<typeof connectPglite>>['db'], table: 'contact' | 'import_left_out_row') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));

  it('names each column of the file it does not import, with the field a column looks like and the option that maps it', async () => {
    const file = await fileOf('unused.csv', ['Prisoner Number,Date,Type of contact,Time taken (minutes),Client name', '101192,10/03/2009,Phone,30,Stephen Brown']);
    const run = await throughcare(file, ...AS, '--kind', 'contacts', '--dry-run');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  not imported: "Time taken (minutes)" (column D): looks like duration in minutes: --column durationMinutes="Time taken (minutes)"');
    expect(lines).toContain('  not imported: "Client name" (column E)');
    expect(lines.filter((line) => line.includes('not imported'))).toHaveLength(2);
  }, 120_000);

  it('imports the rows that passed with --leave-out-problems, says how many rows it left out and where they are listed', async () => {
    const file = await fileOf('some-refused.csv', [
      'Prisoner Number,Date,Type of contact',
      '101192,10/03/2009,Phone',
      'NOSUCH1,11/03/2009,Phone',
      '101192,12/03/2009,Phone',
    ]);
    const before = await inDatabase((db) => count(db, 'contact'));
    const refused = await throughcare(file, ...AS, '--kind', 'contacts');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('row 3: No one with prison number NOSUCH1 is recorded');
    expect(refused.stdout).toContain('--leave-out-problems imports the others');
    expect(await inDatabase((db) => count(db, 'contact'))).toBe(before);

    const run = await throughcare(file, ...AS, '--kind', 'contacts', '--leave-out-problems');
    expect(run.status).toBe(0);
    const batchId = run.stdout.match(/Import ([0-9a-f-]{36})/)?.[1];
    expect(run.stdout).toContain('Imported 2 rows: 2 contacts');
    expect(run.stdout).toContain(`Left out 1 rows with problems: they are listed, with why, on the import's page at /imports/${batchId}`);
    expect(await inDatabase(async (db) => ({ contacts: await count(db, 'contact'), leftOut: await count(db, 'import_left_out_row') }))).toEqual({ contacts: before + 2, leftOut: 1 });
  }, 120_000);

  it('decides every unsure row with --unsure: new people, or each the one recorded person listed with it', async () => {
    const header = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date';
    const first = await fileOf('first-sign-up.csv', [header, 'Q100,Quartermaine,Zebedee,,Barlinnie,12,01/01/2015']);
    expect((await throughcare(first, ...AS, '--kind', 'sign_ups')).status).toBe(0);
    // No date of birth and another prison number: perhaps the recorded Zebedee Quartermaine, perhaps not.
    const namesake = await fileOf('namesake.csv', [header, 'Q200,Quartermaine,Zebedee,,Barlinnie,12,01/03/2016']);
    const unsure = await throughcare(namesake, ...AS, '--kind', 'sign_ups');
    expect(unsure.status).toBe(1);
    expect(unsure.stdout).toContain('1 unsure matches');
    expect(unsure.stdout).toContain('--unsure new (all are new people) or --unsure listed (each is the recorded person listed) decides every unsure row.');
    const asNew = await throughcare(namesake, ...AS, '--kind', 'sign_ups', '--unsure', 'new', '--dry-run');
    expect(asNew.status).toBe(0);
    expect(asNew.stdout).toContain('0 unsure matches');

    const listed = await throughcare(namesake, ...AS, '--kind', 'sign_ups', '--unsure', 'listed');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('Imported 1 rows');
    const people = await inDatabase((db) => db.selectFrom('prison_number').select(['number', 'person_id']).where('number', 'in', ['Q100', 'Q200']).execute());
    expect(people).toHaveLength(2);
    expect(people[0]?.person_id).toBe(people[1]?.person_id);
  }, 180_000);
});
