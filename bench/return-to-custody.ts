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
import type { DatabaseHandle } from '../src/db/connect.ts';
import { addReturnsToExistingData } from '../src/seed/synthetic/custody-returns-added.ts';
import { benchReportApi } from './report-api.ts';

const RETURNS = '/api/v1/reports/return-to-custody';
const FUNNEL = '/api/v1/reports/funnel';
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

await benchReportApi({
  name: 'returns',
  targetMs: 2000,
  prepare: ensureReturns,
  sizes,
  requests: (year) => {
    const lastYear = `from=${year}-01-01&to=${year}-12-31`;
    return [
      [`return to custody, ${year} liberations`, `${RETURNS}?${lastYear}`],
      [`return to custody, ${year}, by visits`, `${RETURNS}?${lastYear}&comparison=visits`],
      ['return to custody, all time', RETURNS],
      [`funnel, ${year} liberations`, `${FUNNEL}?${lastYear}`],
      ['funnel, all time', FUNNEL],
    ];
  },
});
