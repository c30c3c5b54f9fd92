import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Time spent waiting on the database by the work in hand (a request), gathered while
 * `timedQueries.run(tally, work)` is in force: each query's interval, so that queries run side by
 * side count once. The server reports it in a Server-Timing header when SERVER_TIMING is on, so the
 * benchmark can set a page's time beside its own SQL's.
 */
export interface QueryTally {
  intervals: [start: number, end: number][];
}

export const timedQueries = new AsyncLocalStorage<QueryTally>();

/** Kysely's log hook: adds each query's interval to the tally in force, if any. */
export function tallyQuery(event: LogEvent): void {
  const tally = timedQueries.getStore();
  if (!tally) return;
  const end = performance.now();
  tally.intervals.push([end - event.queryDurationMillis, end]);
}

/** Milliseconds during which at least one query was running. */
export function timeInQueries(tally: QueryTally): number {
  const sorted = [...tally.intervals].sort(([a], [b]) => a - b);
  let total = 0;
  let reached = -Infinity;
  for (const [start, end] of sorted) {
    if (end <= reached) continue;
    total += end - Math.max(start, reached);
    reached = end;
  }
  return total;
}
