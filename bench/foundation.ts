/**
 * Foundation benchmarks (numbers, not pass/fail):
 *   1. time from starting `throughcare serve` to the first successful /readyz on an empty embedded database,
 *      and on the same database started again;
 *   2. requests per second and p50/p95 latency of the signed-in home page under autocannon,
 *      20 connections, on PGlite and (with --postgres URL or DATABASE_URL) on PostgreSQL.
 * Usage: npm run bench [-- --postgres postgres://user:pass@host/postgres] [--seconds 10]
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const { values } = parseArgs({ options: { postgres: { type: 'string' }, seconds: { type: 'string', default: '10' } } });
const postgresUrl = values.postgres ?? process.env.DATABASE_URL;
const seconds = Number(values.seconds);

async function signIn(baseUrl: string): Promise<string> {
  const form = await fetch(`${baseUrl}/sign-in`);
  const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email: 'community.coach@roop.example', password: process.env.DEMO_PASSWORD ?? 'through-the-gate-demo', _csrf: token }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes('throughcare-session='));
  if (response.status !== 302 || !session) throw new Error(`sign-in failed with ${response.status}`);
  return session.split(';')[0] ?? '';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function loadHome(server: ServerProcess) {
  const cookie = await signIn(server.baseUrl);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${server.baseUrl}/`, connections: 20, duration: seconds, headers: { cookie } }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function withPostgresDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `throughcare_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const rows: string[] = [];
const report = (line: string) => {
  rows.push(line);
  console.log(line);
};

const empty = await startServerProcess({ seedDemo: false });
report(`start-up to first /readyz, empty embedded database: ${Math.round(empty.readyAfterMs)} ms`);
await empty.stop(true);
const again = await startServerProcess({ seedDemo: false, dataDir: empty.dataDir });
report(`start-up to first /readyz, the same embedded database again: ${Math.round(again.readyAfterMs)} ms`);
await again.stop();

const seeded = await startServerProcess({ seedDemo: true });
report(`start-up to first /readyz, embedded database + demo seed (npm start): ${Math.round(seeded.readyAfterMs)} ms`);
const pgliteHome = await loadHome(seeded);
report(`signed-in home page, PGlite, 20 connections, ${seconds}s: ${pgliteHome.requestsPerSecond} req/s, p50 ${pgliteHome.p50.toFixed(1)} ms, p95 ${pgliteHome.p95.toFixed(1)} ms (non-2xx ${pgliteHome.non2xx}, errors ${pgliteHome.errors})`);
await seeded.stop();

if (postgresUrl) {
  await withPostgresDatabase(postgresUrl, async (url) => {
    const server = await startServerProcess({ databaseUrl: url, seedDemo: true });
    report(`start-up to first /readyz, PostgreSQL (migrate + demo seed): ${Math.round(server.readyAfterMs)} ms`);
    const home = await loadHome(server);
    report(`signed-in home page, PostgreSQL, 20 connections, ${seconds}s: ${home.requestsPerSecond} req/s, p50 ${home.p50.toFixed(1)} ms, p95 ${home.p95.toFixed(1)} ms (non-2xx ${home.non2xx}, errors ${home.errors})`);
    await server.stop();
  });
} else {
  report('PostgreSQL: skipped (pass --postgres URL or set DATABASE_URL)');
}
