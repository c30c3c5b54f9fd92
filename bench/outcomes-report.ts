/**
 * The outcomes report's API on a large synthetic programme (numbers, not pass/fail): p50, p95 and
 * mean latency of GET /api/v1/reports/outcomes, one request at a time (what a user waits), for last
 * calendar year and for all time, as the demo analyst with an API token made for the run (revoked
 * at the end); and how long `throughcare generate` took.
 * On PGlite (a temporary DATA_DIR, 20,000 people by default) and on PostgreSQL (--postgres URL or
 * DATABASE_URL; a throwaway database, 200,000 people by default), or a database generated before
 * (--reuse URL, which must have impact evidence: generated since the generator makes outcomes).
 * Usage: npm run bench:outcomes [-- --postgres URL] [--people N] [--seconds 5] [--only pglite|postgres]
 *        [--keep] (keep the generated PostgreSQL database) [--reuse URL]
 */
import type { DatabaseHandle } from '../src/db/connect.ts';
import { benchReportApi } from './report-api.ts';

const API = '/api/v1/reports/outcomes';

/** What the report reads, so that the numbers can be told apart. */
async function sizes(handle: DatabaseHandle): Promise<string> {
  const tables = ['episode', 'outcome', 'job_start', 'distance_reading', 'distance_score'] as const;
  const counts = await Promise.all(
    tables.map((table) =>
      handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return tables.map((table, i) => `${Number(counts[i]?.n).toLocaleString('en-GB')} ${table}`).join(', ');
}

await benchReportApi({
  name: 'outcomes',
  targetMs: 1000,
  sizes,
  requests: (year) => [
    [`outcomes report ${year}`, `${API}?from=${year}-01-01&to=${year}-12-31`],
    ['outcomes report, all time', API],
  ],
});
