import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Time spent in the database by the work in hand (a request): the queries' count and total
 * duration, gathered while `timedQueries.run(tally, work)` (or enterWith) is in force. The server
 * reports it in a Server-Timing header when SERVER_TIMING is on, so the benchmark can set a page's
 * time beside its own SQL's.
 */
export interface QueryTally {
  queries: number;
  ms: number;
}

export const timedQueries = new AsyncLocalStorage<QueryTally>();

/** Kysely's log hook: adds each query's duration to the tally in force, if any. */
export function tallyQuery(event: LogEvent): void {
  const tally = timedQueries.getStore();
  if (!tally) return;
  tally.queries += 1;
  tally.ms += event.queryDurationMillis;
}
