/**
 * The team comparison's API on a large synthetic programme (numbers, not pass/fail): p50, p95 and
 * mean latency of GET /api/v1/reports/teams, one request at a time, for last calendar year and for
 * all time, as the demo manager with an API token made for the run (revoked at the end).
 * Usage: npm run bench:teams [-- --postgres URL] [--people N] [--seconds 5] [--only pglite|postgres] [--keep] [--reuse URL]
 */
import type { DatabaseHandle } from '../src/db/connect.ts';
import { benchReportApi } from './report-api.ts';

const API = '/api/v1/reports/teams';

async function sizes(handle: DatabaseHandle): Promise<string> {
  const tables = ['episode', 'assignment', 'contact', 'outcome', 'supervision'] as const;
  const counts = await Promise.all(tables.map((table) => handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()));
  return tables.map((table, i) => `${Number(counts[i]?.n).toLocaleString('en-GB')} ${table}`).join(', ');
}

await benchReportApi({
  name: 'teams',
  targetMs: 1000,
  asEmail: 'manager@roop.example',
  sizes,
  requests: (year) => [
    [`team comparison ${year}`, `${API}?from=${year}-01-01&to=${year}-12-31`],
    ['team comparison, all time', API],
  ],
});
