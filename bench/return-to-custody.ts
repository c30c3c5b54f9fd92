/**
 * The return-to-custody analysis and the engagement funnel on a large synthetic programme (numbers,
 * not pass/fail): p50, p95 and mean latency of GET /api/v1/reports/return-to-custody and
 * GET /api/v1/reports/funnel, one request at a time, for last calendar year's liberations (the
 * default 365-day window) and for all time, as the demo analyst with an API token made for the run
 * (revoked at the end). Target: p95 under 2 s. A report not built yet (404) is said to be so.
 * On PGlite (a temporary DATA_DIR, 20,000 people by default) and on PostgreSQL (--postgres URL or
 * DATABASE_URL; a throwaway database, 200,000 people by default), or a database generated before
 * (--reuse URL). A database generated before the generator wrote the prison service's extract has
 * no return-to-custody rows: they are added first from what the data holds
 * (src/seed/synthetic/custody-returns-added.ts), and the bench says how many and how long it took.
 * Usage: npm run bench:returns [-- --postgres URL] [--people N] [--seconds 5] (each report is timed for three times that) [--only pglite|postgres]
 *        [--keep] (keep the generated PostgreSQL database) [--reuse URL]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite, connectPostgres, type DatabaseHandle } from '../src/db/connect.ts';
import { addReturnsToExistingData } from '../src/seed/synthetic/custody-returns-added.ts';
import { benchOptions } from './options.ts';
import { withPostgresDatabase } from './load.ts';
import { analystToken, revokeToken, timeReport } from './report-api.ts';
import { runCli, type BenchDatabase } from './run-cli.ts';
import { peakMemoryMb, startServerProcess } from './server-process.ts';

const { values, postgresUrl, seconds } = benchOptions();
const TARGET_MS = 2000;
const RETURNS = '/api/v1/reports/return-to-custody';
const FUNNEL = '/api/v1/reports/funnel';

const connect = (database: BenchDatabase) => ('url' in database ? connectPostgres(database.url) : connectPglite(database.dataDir));
const count = (n: number) => n.toLocaleString('en-GB');

/** What the reports read, so that the numbers can be told apart. */
async function sizes(handle: DatabaseHandle): Promise<string> {
  const [liberations, returns] = await Promise.all([
    handle.db
      .selectFrom('episode')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('liberated_on', 'is not', null)
      .executeTakeFirstOrThrow(),
    handle.db
      .selectFrom('custody_return')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('admitted_on').as('admitted')])
      .executeTakeFirstOrThrow(),
  ]);
  return `${count(Number(liberations.n))} liberations, ${count(Number(returns.n))} return-to-custody rows (${count(Number(returns.admitted))} admissions)`;
}

/** The prison service's extract, when the database has none (generated before the generator wrote it). */
async function ensureReturns(handle: DatabaseHandle): Promise<string | null> {
  const existing = await handle.db.selectFrom('custody_return').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  console.log('No return-to-custody rows: adding the extract from the liberations and later sign-ups the data holds...');
  const added = await addReturnsToExistingData(handle.db);
  return `added the return-to-custody extract (as at ${added.asOf}): ${count(added.rows)} rows in ${added.seconds.toFixed(1)} s`;
}

/** Seeds the demo programme and generates the people (unless reusing a database), then measures the API. */
async function benchmark(kind: 'PGlite' | 'PostgreSQL', people: number, database: BenchDatabase): Promise<string[]> {
  const lines = [`${kind}${values.reuse ? ` (reused database)` : `, ${count(people)} people`}`];
  if (!values.reuse) {
    console.log(`\n${kind}: seeding the demo programme and generating ${count(people)} people...`);
    await runCli(['seed'], database);
    lines.push(`  generate: ${((await runCli(['generate', '--people', String(people)], database)) / 1000).toFixed(1)} s`);
  }
  const handle = await connect(database);
  const added = await ensureReturns(handle);
  if (added) lines.push(`  ${added}`);
  const { token, id } = await analystToken(handle, 'return-to-custody benchmark');
  lines.push(`  ${await sizes(handle)}`);
  await handle.close();
  const server = await startServerProcess('url' in database ? { databaseUrl: database.url, seedDemo: false } : { dataDir: database.dataDir, seedDemo: false });
  const year = new Date().getFullYear() - 1;
  const lastYear = `from=${year}-01-01&to=${year}-12-31`;
  try {
    for (const [name, path] of [
      [`return to custody, ${year} liberations`, `${RETURNS}?${lastYear}`],
      [`return to custody, ${year}, by visits`, `${RETURNS}?${lastYear}&comparison=visits`],
      ['return to custody, all time', RETURNS],
      [`funnel, ${year} liberations`, `${FUNNEL}?${lastYear}`],
      ['funnel, all time', FUNNEL],
    ] as const) {
      const line = await timeReport({ baseUrl: server.baseUrl, name, path, token, seconds: seconds * 3, targetMs: TARGET_MS });
      console.log(line);
      lines.push(`  ${line}`);
    }
    lines.push(`  server peak memory (VmHWM): ${await peakMemoryMb(server)}`);
  } finally {
    await server.stop('dataDir' in database);
    const after = await connect(database);
    await revokeToken(after, id);
    await after.close();
  }
  return lines;
}

const summary: string[] = [];
if (values.only !== 'postgres' && !values.reuse) {
  const dataDir = await mkdtemp(join(tmpdir(), 'throughcare-returns-'));
  try {
    summary.push(...(await benchmark('PGlite', Number(values.people ?? 20_000), { dataDir })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (values.only !== 'pglite') {
  const people = Number(values.people ?? 200_000);
  if (values.reuse) summary.push(...(await benchmark('PostgreSQL', people, { url: values.reuse })));
  else if (postgresUrl)
    summary.push(...(await withPostgresDatabase(postgresUrl, 'throughcare_returns', (url) => benchmark('PostgreSQL', people, { url }), values.keep)));
  else summary.push('PostgreSQL: skipped (pass --postgres URL or set DATABASE_URL)');
}
console.log(`\n${summary.join('\n')}`);
