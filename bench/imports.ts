/**
 * Import benchmarks (numbers, not pass/fail): rows per second and the importing process's peak
 * memory for `throughcare import` of
 *   1. a synthetic sign-ups file (one sign-up per person, --signups rows, CSV), then
 *   2. 200,000 contact rows (--contacts) for those people, as CSV, and
 *   3. the same rows as an Excel workbook,
 * each run as an operator runs it (its own process: check, then import in one transaction), on PGlite
 * (a temporary DATA_DIR) and on PostgreSQL (a throwaway database on --postgres URL or DATABASE_URL).
 * The sign-ups file is also taken through the web wizard on a server of its own (bench/import-wizard.ts),
 * and imported into the demo programme as the server seeds it, with a few people whose names each row's
 * is compared with.
 * The importing process runs with its JavaScript heap capped (--heap-mb, 192 by default), so a run that
 * completes shows memory is bounded: by the batch for contacts; for sign-ups, by the batch and about
 * 1.5 KB for each row of the file (the people it brings in, whom its later rows may name again).
 * Usage: npm run bench:imports [-- --postgres URL] [--only pglite|postgres] [--contacts 200000] [--signups 20000] [--heap-mb 192]
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { timeWizard } from './import-wizard.ts';
import { withPostgresDatabase } from './load.ts';
import { startServerProcess } from './server-process.ts';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string' },
    only: { type: 'string' },
    contacts: { type: 'string', default: '200000' },
    signups: { type: 'string', default: '20000' },
    'heap-mb': { type: 'string', default: '192' },
  },
});
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const contactRows = Number(values.contacts);
const signUpRows = Number(values.signups);
const postgresUrl = values.postgres ?? process.env.DATABASE_URL;
const AS = ['--as', 'team.leader@roop.example'];

type Database = { dataDir: string } | { url: string };

/**
 * Runs the command line; returns its wall time, the part of it until the check was done (the command
 * prints "Importing:" when it starts writing; the start of the process, the upload and the layout
 * count with the check), and peak resident memory (VmHWM, polled from /proc).
 */
async function run(args: string[], database: Database): Promise<{ seconds: number; checkSeconds: number; peakMb: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if ('url' in database) env.DATABASE_URL = database.url;
  else env.DATA_DIR = database.dataDir;
  const started = performance.now();
  // The JavaScript heap is capped: an import that held its rows in memory would fail, not just grow.
  const child = spawn(process.execPath, [`--max-old-space-size=${values['heap-mb']}`, '--import', 'tsx', CLI, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let checkedAt: number | null = null;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    if (checkedAt === null && /^Importing:/m.test(text)) checkedAt = performance.now();
  });
  let peakKb = 0;
  const poll = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((status) => {
        peakKb = Math.max(peakKb, Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0));
      })
      .catch(() => undefined);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`throughcare ${args.join(' ')} exited with ${code}`);
  const ended = performance.now();
  return { seconds: (ended - started) / 1000, checkSeconds: ((checkedAt ?? ended) - started) / 1000, peakMb: Math.round(peakKb / 1024) };
}

const prisonNumber = (i: number) => `B${String(i).padStart(7, '0')}`;
/** A different date of birth for each person (so that no two synthetic people look like one). */
const birthDay = (i: number) => new Date(Date.UTC(1950, 0, 1 + i)).toISOString().slice(0, 10);
/**
 * A name of letters only, different for each person: names are matched by their letters (digits are
 * not part of a name's key), so "Surname1" and "Surname2" would be one name, and the search for
 * people of a near name, the import's dearest query with real names, would never be measured.
 */
function letters(i: number, salt: number): string {
  let word = '';
  for (let n = i * 7919 + salt, k = 0; k < 6; k += 1, n = Math.floor(n / 26) + k * 13) word += String.fromCharCode(97 + (n % 26));
  return word.charAt(0).toUpperCase() + word.slice(1);
}
const contactRow = (i: number) => [
  prisonNumber(i % signUpRows),
  `${1 + (i % 28)}/${1 + (i % 12)}/2016`,
  ['Phone', 'Face to face', 'Text'][i % 3] ?? 'Phone',
  String(15 + (i % 60)),
];

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\r\n`);
  for (let i = 0; i < count; i += 1) if (!out.write(`${line(i)}\r\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function writeFiles(dir: string) {
  const files = { signUps: join(dir, 'signups.csv'), contactsCsv: join(dir, 'contacts.csv'), contactsXlsx: join(dir, 'contacts.xlsx') };
  await writeLines(files.signUps, 'Prisoner Number,Surname,Forename,DOB,Gender,Prison,Sentence (months),Sign-up date,Date of liberation', signUpRows, (i) =>
    [prisonNumber(i), letters(i, 3), letters(i, 11), birthDay(i), i % 9 ? 'Male' : 'Female', 'Barlinnie', 6 + (i % 30), '02/01/2015', '01/01/2016'].join(','),
  );
  await writeLines(files.contactsCsv, 'Prisoner Number,Date,Type of contact,Duration', contactRows, (i) => contactRow(i).join(','));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: files.contactsXlsx, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(['Prisoner Number', 'Date', 'Type of contact', 'Duration']).commit();
  for (let i = 0; i < contactRows; i += 1) sheet.addRow(contactRow(i)).commit();
  await workbook.commit();
  return files;
}

async function benchmark(name: string, database: Database, files: Awaited<ReturnType<typeof writeFiles>>): Promise<string[]> {
  console.log(`\n${name}: seeding the demo programme...`);
  await run(['seed'], database);
  const lines = [`${name}`];
  const measure = async (label: string, file: string, kind: string, rows: number, into: Database = database) => {
    const result = await run(['import', file, ...AS, '--kind', kind], into);
    const size = (await stat(file)).size / 1024 / 1024;
    const rate = (seconds: number) => `${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s`;
    const importSeconds = result.seconds - result.checkSeconds;
    lines.push(
      `  ${label.padEnd(28)} ${rows.toLocaleString('en-GB')} rows (${size.toFixed(1)} MB) in ${result.seconds.toFixed(1)} s: ${rate(result.seconds)} (check and import), ` +
        `check ${result.checkSeconds.toFixed(1)} s (${rate(result.checkSeconds)}), import ${importSeconds.toFixed(1)} s (${rate(importSeconds)}), peak memory ${result.peakMb} MB`,
    );
    console.log(lines[lines.length - 1]);
  };
  await measure('sign-ups, CSV', files.signUps, 'sign_ups', signUpRows);
  // The same file through the web wizard, on a database of its own (the people above would be matched,
  // not created), seeded as the command line's was: the server's own demo seed adds example people,
  // whom every row's name would then be compared with (about 0.5 s more of the database's time).
  const wizardOn = async (wizardDatabase: Database) => {
    await run(['seed'], wizardDatabase);
    return timeWizard(files.signUps, wizardDatabase);
  };
  const wizard =
    'url' in database
      ? await withPostgresDatabase(database.url, 'throughcare_wizard', (url) => wizardOn({ url }))
      : await wizardOn({ dataDir: `${database.dataDir}-wizard` });
  lines.push(
    `  ${'sign-ups, CSV, web wizard'.padEnd(28)} ${signUpRows.toLocaleString('en-GB')} rows in ${wizard.totalSeconds.toFixed(1)} s: check ${wizard.checkSeconds.toFixed(1)} s (from the upload), import ${wizard.importSeconds.toFixed(1)} s, ` +
      `${Math.round(signUpRows / wizard.importSeconds).toLocaleString('en-GB')} rows/s imported, server peak memory ${wizard.peakMemory}`,
  );
  console.log(lines[lines.length - 1]);
  // The same file into the demo programme as the server seeds it, with a few example people: every
  // row's name is then compared with theirs, as in a programme that has people.
  const amongPeople = async (peopled: Database) => {
    const server = await startServerProcess({ seedDemo: true, ...('url' in peopled ? { databaseUrl: peopled.url } : { dataDir: peopled.dataDir }) });
    await server.stop(true);
    await measure('sign-ups, CSV, among people', files.signUps, 'sign_ups', signUpRows, peopled);
  };
  if ('url' in database) await withPostgresDatabase(database.url, 'throughcare_peopled', (url) => amongPeople({ url }));
  else await amongPeople({ dataDir: `${database.dataDir}-peopled` });
  await measure('contacts, CSV', files.contactsCsv, 'contacts', contactRows);
  await measure('contacts, XLSX', files.contactsXlsx, 'contacts', contactRows);
  return lines;
}

const dir = await mkdtemp(join(tmpdir(), 'throughcare-import-bench-'));
try {
  const files = await writeFiles(dir);
  const summary: string[] = [];
  if (values.only !== 'postgres') summary.push(...(await benchmark('PGlite', { dataDir: join(dir, 'data') }, files)));
  if (values.only !== 'pglite') {
    if (!postgresUrl) console.log('\nPostgreSQL: skipped (give --postgres URL or DATABASE_URL)');
    else summary.push(...(await withPostgresDatabase(postgresUrl, 'throughcare_imports', (url) => benchmark('PostgreSQL', { url }, files))));
  }
  console.log(`\n${summary.join('\n')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
