import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite, connectPostgres, type DatabaseHandle } from '../src/db/connect.ts';
import { hashSecret, newSecret } from '../src/modules/auth/tokens.ts';
import { load, withPostgresDatabase } from './load.ts';
import { benchOptions } from './options.ts';
import { runCli, type BenchDatabase } from './run-cli.ts';
import { peakMemoryMb, startServerProcess } from './server-process.ts';

/**
 * Timing a report's API, as the report benchmarks do: an API token for a demo user (the analyst unless the bench names another), made in the
 * database for the run (only its hash is kept; revoke it at the end), and one request at a time for a
 * window of seconds, as a user waits for it.
 */
const ANALYST = 'analyst@roop.example';

export async function benchToken(handle: DatabaseHandle, name: string, email = ANALYST): Promise<{ token: string; id: string }> {
  const user = await handle.db.selectFrom('app_user').select(['id', 'programme_id']).where('email', '=', email).executeTakeFirstOrThrow();
  const token = newSecret('tc_');
  const row = await handle.db
    .insertInto('api_token')
    .values({ programme_id: user.programme_id, user_id: user.id, name, token_hash: hashSecret(token), created_by: user.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, id: row.id };
}

export async function revokeToken(handle: DatabaseHandle, id: string): Promise<void> {
  await handle.db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).execute();
}

/** p50, p95 and mean of one request at a time; a route that is not there (404) or fails is reported, not measured. */
export async function timeReport(props: { baseUrl: string; name: string; path: string; token: string; seconds: number; targetMs: number }): Promise<string> {
  const { baseUrl, path, seconds, targetMs } = props;
  const label = `${props.name.padEnd(36)} GET ${path}`;
  const headers = { authorization: `Bearer ${props.token}` };
  const started = performance.now();
  const probe = await fetch(`${baseUrl}${path}`, { headers });
  const body = await probe.text();
  const firstMs = performance.now() - started;
  if (probe.status === 404) return `${label}\n    answers 404: not built yet (or not at this address), not measured`;
  if (probe.status !== 200) return `${label}\n    answers ${probe.status}, not measured: ${body.slice(0, 200)}`;
  // A response slower than the window is still timed: as the first request, before the window.
  if (firstMs > seconds * 1000)
    return `${label}\n    one request (slower than the ${seconds} s window): ${firstMs.toFixed(0)} ms (target < ${targetMs} ms: NOT met)`;
  const result = await load({ url: `${baseUrl}${path}`, headers, connections: 1, seconds, timeoutSeconds: 120 });
  const verdict = result.p95 < targetMs ? 'met' : 'NOT met';
  return (
    `${label}\n    first request ${firstMs.toFixed(0)} ms (${(body.length / 1024).toFixed(0)} KB); then one at a time, ${result.requests} requests: ` +
    `p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, mean ${result.mean.toFixed(0)} ms (target p95 < ${targetMs} ms: ${verdict}); ` +
    `non-2xx ${result.non2xx}, errors ${result.errors}`
  );
}

export interface ReportBench {
  /** For the temporary folder, the PostgreSQL database and the API token's name. */
  name: string;
  targetMs: number;
  /** The demo user whose token asks (the analyst by default; a report the analyst may not read names another). */
  asEmail?: string;
  /** Makes what the reports need on a reused database that lacks it; says what it did, or null. */
  prepare?: (handle: DatabaseHandle) => Promise<string | null>;
  /** What the reports read, so that the numbers can be told apart. */
  sizes: (handle: DatabaseHandle) => Promise<string>;
  /** The requests to time, as [name, path], for last calendar year. */
  requests: (year: number) => readonly (readonly [string, string])[];
}

const connect = (database: BenchDatabase) => ('url' in database ? connectPostgres(database.url) : connectPglite(database.dataDir));

/**
 * A report API benchmark on a large synthetic programme: on PGlite (a temporary DATA_DIR, 20,000
 * people by default) and on PostgreSQL (--postgres URL or DATABASE_URL; a throwaway database,
 * 200,000 people by default), or a database generated before (--reuse URL). Seeds the demo programme
 * and generates the people (unless reusing), then times each request and prints a summary.
 */
export async function benchReportApi(bench: ReportBench): Promise<void> {
  const { values, postgresUrl, seconds } = benchOptions();
  const count = (n: number) => n.toLocaleString('en-GB');

  async function benchmark(kind: 'PGlite' | 'PostgreSQL', people: number, database: BenchDatabase): Promise<string[]> {
    const lines = [`${kind}${values.reuse ? ` (reused database)` : `, ${count(people)} people`}`];
    if (!values.reuse) {
      console.log(`\n${kind}: seeding the demo programme and generating ${count(people)} people...`);
      await runCli(['seed'], database);
      lines.push(`  generate: ${((await runCli(['generate', '--people', String(people)], database)) / 1000).toFixed(1)} s`);
    }
    const handle = await connect(database);
    const prepared = bench.prepare ? await bench.prepare(handle) : null;
    if (prepared) lines.push(`  ${prepared}`);
    const { token, id } = await benchToken(handle, `${bench.name} benchmark`, bench.asEmail);
    lines.push(`  ${await bench.sizes(handle)}`);
    await handle.close();
    const server = await startServerProcess(
      'url' in database ? { databaseUrl: database.url, seedDemo: false } : { dataDir: database.dataDir, seedDemo: false },
    );
    try {
      for (const [name, path] of bench.requests(new Date().getFullYear() - 1)) {
        const line = await timeReport({ baseUrl: server.baseUrl, name, path, token, seconds: seconds * 3, targetMs: bench.targetMs });
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
    const dataDir = await mkdtemp(join(tmpdir(), `throughcare-${bench.name}-`));
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
      summary.push(...(await withPostgresDatabase(postgresUrl, `throughcare_${bench.name}`, (url) => benchmark('PostgreSQL', people, { url }), values.keep)));
    else summary.push('PostgreSQL: skipped (pass --postgres URL or set DATABASE_URL)');
  }
  console.log(`\n${summary.join('\n')}`);
}
