import autocannon from 'autocannon';
import pg from 'pg';

/** Helpers the benchmark scripts share: signing in over HTTP, a timed load, a throwaway database. */
const PASSWORD = process.env.DEMO_PASSWORD ?? 'through-the-gate-demo';

/** Signs in through the real form (CSRF token and all); returns the session cookie. */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const form = await fetch(`${baseUrl}/sign-in`);
  const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: token }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes('throughcare-session='));
  if (response.status !== 302 || !session) throw new Error(`sign-in as ${email} failed with ${response.status}`);
  return session.split(';')[0] ?? '';
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  mean: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
}

/** GETs `url` with autocannon for `seconds` (with a session cookie, or other headers such as an API token), keeping every response time for exact percentiles. */
export async function load(props: {
  url: string;
  cookie?: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** How long one response may take before it counts as an error (autocannon's default is 10 s). */
  timeoutSeconds?: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const headers = { ...(props.cookie ? { cookie: props.cookie } : {}), ...props.headers };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: props.url, connections: props.connections, duration: props.seconds, headers, timeout: props.timeoutSeconds ?? 10 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    requests: latencies.length,
    mean: latencies.reduce((sum, ms) => sum + ms, 0) / Math.max(1, latencies.length),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A new database on the server for the duration of `work`, dropped afterwards. */
export async function withPostgresDatabase<T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>, keep = false): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    if (keep) console.log(`kept the database: ${url.toString().replace(/:[^:@/]*@/, ':***@')}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
