import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timedQueries, timeInQueries, type QueryTally } from '../db/query-timing.ts';

/**
 * With SERVER_TIMING on, every response carries a Server-Timing header: the time during which its
 * SQL was running (`db`, queries side by side counted once, with the number of queries) and the
 * whole request (`total`). The journey benchmark reads it
 * to set a page's time beside its own SQL's. Off by default: timings are of no use to users.
 */
export function registerServerTiming(app: FastifyInstance, enabled: boolean) {
  if (!enabled) return;
  const requests = new WeakMap<FastifyRequest, { tally: QueryTally; startedAt: number }>();
  app.addHook('onRequest', (request, _reply, done) => {
    const tally: QueryTally = { intervals: [] };
    requests.set(request, { tally, startedAt: performance.now() });
    // Everything the request does from here runs with its own tally.
    timedQueries.run(tally, done);
  });
  app.addHook('onSend', async (request, reply) => {
    const timing = requests.get(request);
    if (!timing) return;
    const total = performance.now() - timing.startedAt;
    const db = timeInQueries(timing.tally);
    reply.header('Server-Timing', `db;dur=${db.toFixed(1)};desc="${timing.tally.intervals.length} queries", total;dur=${total.toFixed(1)}`);
  });
}
