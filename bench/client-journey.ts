/**
 * Client-journey benchmarks on a national-scale synthetic programme (numbers, not pass/fail):
 *   1. how long `throughcare generate` takes to fill the database;
 *   2. p50/p95 latency and requests per second, 10 connections, for person search by a common
 *      surname, a person page from the coach's caseload and the coach's home page (signed in as
 *      community.coach@roop.example), and the engagement report for last year and programme-wide
 *      (signed in as manager@roop.example);
 *      and for each page, its time in the server beside its own SQL's (Server-Timing, bench/sql-share.ts);
 *   3. the server's peak memory (VmHWM);
 *   4. a mixed load of those pages and more for --mixed-minutes (default 10; 0 skips it), with the
 *      server's RSS sampled every 5 s against the 600 MB target (bench/mixed-load.ts).
 * On PostgreSQL (--postgres URL or DATABASE_URL; a throwaway database, 1,000,000 people) and on
 * PGlite (a temporary DATA_DIR, 100,000 people). --people N sets both.
 * Latency is measured one request at a time (what a user waits); throughput with 10 connections.
 * Usage: npm run bench:journey [-- --postgres URL] [--people N] [--seconds 5] [--only pglite|postgres]
 *        [--keep] (keep the generated PostgreSQL database) [--reuse URL] (measure a database generated before)
 *        [--mixed-minutes 10]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite, connectPostgres, type DatabaseHandle } from '../src/db/connect.ts';
import { benchOptions } from './options.ts';
import { load, signIn, withPostgresDatabase } from './load.ts';
import { mixedLoad } from './mixed-load.ts';
import { runCli } from './run-cli.ts';
import { sqlShare } from './sql-share.ts';
import { peakMemoryMb, startServerProcess, type ServerProcess } from './server-process.ts';

const { values, postgresUrl, seconds } = benchOptions();
const COACH = 'community.coach@roop.example';
const MANAGER = 'manager@roop.example';
const PAGE_TARGET_MS = 100;
/** A year's engagement report, and the whole programme's. */
const YEAR_REPORT_TARGET_MS = 300;
const REPORT_TARGET_MS = 1000;

interface Target {
  name: string;
  path: string;
  as: 'coach' | 'manager';
  targetMs: number;
}

/** The routes to measure, with a common surname and a person from the coach's open caseload. */
async function findTargets(handle: DatabaseHandle): Promise<{ targets: Target[]; caseload: number }> {
  const { db } = handle;
  const surname = await db.selectFrom('person').select('last_name').groupBy('last_name').orderBy((eb) => eb.fn.countAll(), 'desc').limit(1).executeTakeFirstOrThrow();
  const open = db
    .selectFrom('episode as e')
    .innerJoin('assignment as a', (join) => join.onRef('a.programme_id', '=', 'e.programme_id').onRef('a.episode_id', '=', 'e.id'))
    .innerJoin('app_user as u', 'u.id', 'a.worker_id')
    .where('u.email', '=', COACH)
    .where('a.part', '=', 'community_life_coach')
    .where('a.to_on', 'is', null)
    .where('e.closed_on', 'is', null);
  const person = await open.select('e.person_id').where('e.liberated_on', 'is not', null).orderBy('e.liberated_on').limit(1).executeTakeFirst();
  const caseload = await open.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const year = new Date().getFullYear() - 1;
  const lastYear = `from-day=1&from-month=1&from-year=${year}&to-day=31&to-month=12&to-year=${year}`;
  const targets: Target[] = [
    { name: 'person search', path: `/people?q=${encodeURIComponent(surname.last_name)}`, as: 'coach', targetMs: PAGE_TARGET_MS },
    ...(person ? [{ name: 'person page', path: `/people/${person.person_id}`, as: 'coach' as const, targetMs: PAGE_TARGET_MS }] : []),
    { name: 'home page', path: '/', as: 'coach', targetMs: PAGE_TARGET_MS },
    { name: 'my caseload', path: '/caseload', as: 'coach', targetMs: PAGE_TARGET_MS },
    { name: 'my caseload, sorted by next', path: '/caseload?sort=next', as: 'coach', targetMs: PAGE_TARGET_MS },
    { name: `engagement report ${year}`, path: `/reports/engagement?${lastYear}`, as: 'manager', targetMs: YEAR_REPORT_TARGET_MS },
    { name: 'engagement report, whole programme', path: '/reports/engagement', as: 'manager', targetMs: REPORT_TARGET_MS },
  ];
  return { targets, caseload: Number(caseload.count) };
}

/** One route under load, or a note that it is not there yet. */
async function measure(server: ServerProcess, target: Target, cookie: string): Promise<string> {
  const label = `${target.name.padEnd(36)} GET ${target.path}`;
  const probe = await fetch(`${server.baseUrl}${target.path}`, { headers: { cookie }, redirect: 'manual' });
  await probe.arrayBuffer();
  if (probe.status === 404) return `${label}\n    answers 404: the route is not built yet, not measured`;
  const url = `${server.baseUrl}${target.path}`;
  const latency = await load({ url, cookie, connections: 1, seconds: target.targetMs > PAGE_TARGET_MS ? seconds * 3 : seconds });
  const verdict = latency.p95 < target.targetMs ? 'met' : 'NOT met';
  const throughput = target.targetMs > PAGE_TARGET_MS ? null : await load({ url, cookie, connections: 10, seconds });
  const share = target.targetMs > PAGE_TARGET_MS ? '' : `\n    ${await sqlShare({ url, cookie, n: 30 })}`;
  return (
    `${label}\n    one at a time: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms (target p95 < ${target.targetMs} ms: ${verdict})` +
    (throughput ? `; 10 connections: ${throughput.requestsPerSecond} req/s, p95 ${throughput.p95.toFixed(1)} ms` : '') +
    `; non-2xx ${latency.non2xx + (throughput?.non2xx ?? 0)}, errors ${latency.errors + (throughput?.errors ?? 0)}` +
    share
  );
}

/** Seeds the demo programme, generates the people, then measures the routes against a running server. */
async function benchmark(kind: 'PGlite' | 'PostgreSQL', people: number, database: { dataDir: string } | { url: string }): Promise<string[]> {
  let generateMs = 0;
  if (!values.reuse) {
    console.log(`\n${kind}: seeding the demo programme and generating ${people.toLocaleString('en-GB')} people...`);
    await runCli(['seed'], database);
    generateMs = await runCli(['generate', '--people', String(people)], database);
  }
  const handle = 'url' in database ? await connectPostgres(database.url) : await connectPglite(database.dataDir);
  const { targets, caseload } = await findTargets(handle).finally(() => handle.close());
  const server = await startServerProcess('url' in database ? { databaseUrl: database.url, seedDemo: false } : { dataDir: database.dataDir, seedDemo: false });
  const lines = [
    `${kind}, ${people.toLocaleString('en-GB')} people`,
    `  generate: ${(generateMs / 1000).toFixed(1)} s`,
    `  server ready after ${Math.round(server.readyAfterMs)} ms; ${COACH} has ${caseload} open sign-ups`,
  ];
  try {
    const cookies = { coach: await signIn(server.baseUrl, COACH), manager: await signIn(server.baseUrl, MANAGER) };
    for (const target of targets) {
      const line = await measure(server, target, cookies[target.as]);
      console.log(line);
      lines.push(`  ${line}`);
    }
    lines.push(`  server peak memory (VmHWM): ${await peakMemoryMb(server)}`);
    const mixedMinutes = Number(values['mixed-minutes']);
    if (mixedMinutes > 0) lines.push(...(await mixedLoad(server, cookies, targets, mixedMinutes)).map((line) => `  ${line}`));
  } finally {
    await server.stop('dataDir' in database);
  }
  return lines;
}

const summary: string[] = [];
if (values.only !== 'postgres') {
  const dataDir = await mkdtemp(join(tmpdir(), 'throughcare-journey-'));
  try {
    summary.push(...(await benchmark('PGlite', Number(values.people ?? 100_000), { dataDir })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (values.only !== 'pglite') {
  const people = Number(values.people ?? 1_000_000);
  if (values.reuse) summary.push(...(await benchmark('PostgreSQL', people, { url: values.reuse })));
  else if (postgresUrl)
    summary.push(...(await withPostgresDatabase(postgresUrl, 'throughcare_journey', (url) => benchmark('PostgreSQL', people, { url }), values.keep)));
  else summary.push('PostgreSQL: skipped (pass --postgres URL or set DATABASE_URL)');
}
console.log(`\n${summary.join('\n')}`);
