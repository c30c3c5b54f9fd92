import type { DatabaseHandle } from '../src/db/connect.ts';
import { hashSecret, newSecret } from '../src/modules/auth/tokens.ts';
import { load } from './load.ts';

/**
 * Timing a report's API, as the report benchmarks do: an API token for the demo analyst, made in the
 * database for the run (only its hash is kept; revoke it at the end), and one request at a time for a
 * window of seconds, as a user waits for it.
 */
const ANALYST = 'analyst@roop.example';

export async function analystToken(handle: DatabaseHandle, name: string): Promise<{ token: string; id: string }> {
  const user = await handle.db.selectFrom('app_user').select(['id', 'programme_id']).where('email', '=', ANALYST).executeTakeFirstOrThrow();
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
