/**
 * Foundation benchmarks (numbers, not pass/fail):
 *   1. time from starting `throughcare serve` to the first successful /readyz on an empty embedded database,
 *      and on the same database started again;
 *   2. requests per second and p50/p95 latency of the signed-in home page under autocannon,
 *      20 connections, on PGlite and (with --postgres URL or DATABASE_URL) on PostgreSQL.
 * Usage: npm run bench [-- --postgres postgres://user:pass@host/postgres] [--seconds 10]
 */
import { parseArgs } from 'node:util';
import { load, signIn, withPostgresDatabase } from './load.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const { values } = parseArgs({ options: { postgres: { type: 'string' }, seconds: { type: 'string', default: '10' } } });
const postgresUrl = values.postgres ?? process.env.DATABASE_URL;
const seconds = Number(values.seconds);

async function loadHome(server: ServerProcess) {
  const cookie = await signIn(server.baseUrl, 'community.coach@roop.example');
  return load({ url: `${server.baseUrl}/`, cookie, connections: 20, seconds });
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
  await withPostgresDatabase(postgresUrl, 'throughcare_bench', async (url) => {
    const server = await startServerProcess({ databaseUrl: url, seedDemo: true });
    report(`start-up to first /readyz, PostgreSQL (migrate + demo seed): ${Math.round(server.readyAfterMs)} ms`);
    const home = await loadHome(server);
    report(`signed-in home page, PostgreSQL, 20 connections, ${seconds}s: ${home.requestsPerSecond} req/s, p50 ${home.p50.toFixed(1)} ms, p95 ${home.p95.toFixed(1)} ms (non-2xx ${home.non2xx}, errors ${home.errors})`);
    await server.stop();
  });
} else {
  report('PostgreSQL: skipped (pass --postgres URL or set DATABASE_URL)');
}
