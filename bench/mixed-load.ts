import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { percentile } from './load.ts';
import type { ServerProcess } from './server-process.ts';

/**
 * A mixed load, for the issue-11 memory target (server RSS under 600 MB through 10 minutes): several
 * connections at once, signed in as the coach and the manager, each going round a weighted mix of the
 * pages caseworkers and managers use most, while the server's resident memory is read every 5 s.
 */
export const RSS_TARGET_MB = 600;
const CONNECTIONS = 8;
const SAMPLE_MS = 5_000;

type Role = 'coach' | 'manager';

interface MixRoute {
  name: string;
  path: string;
  as: Role;
  /** How many times the route comes up in one round of the mix. */
  weight: number;
}

/** The server's resident memory now (VmRSS), in MB; NaN where /proc does not say. */
async function rssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** The page's HTML, as `cookie` sees it. */
async function html(baseUrl: string, path: string, cookie: string): Promise<string> {
  return (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
}

/** The first link on a page matching `pattern` (its first group), `&amp;` decoded. */
function link(page: string, pattern: string): string | undefined {
  return new RegExp(`href="(${pattern})"`).exec(page)?.[1]?.replaceAll('&amp;', '&');
}

/**
 * The mix, from the benchmark's own targets (a common surname's search, a person from the coach's
 * caseload, a year's engagement report); the sign-up and the CSV downloads are the links those pages show.
 */
async function mixRoutes(baseUrl: string, cookies: Record<Role, string>, targets: { path: string }[]): Promise<MixRoute[]> {
  const search = targets.find((t) => t.path.startsWith('/people?'))?.path;
  const person = targets.find((t) => t.path.startsWith('/people/'))?.path;
  const report = targets.find((t) => t.path.startsWith('/reports/engagement?'))?.path;
  const signUp = person && link(await html(baseUrl, person, cookies.coach), `${person}/sign-ups/[0-9a-f-]{36}`);
  const searchCsv = search && link(await html(baseUrl, search, cookies.coach), '/people\\.csv[^"]*');
  const reportCsv = report && link(await html(baseUrl, report, cookies.manager), '/reports/engagement\\.csv[^"]*');
  const routes: (MixRoute | false | undefined | '')[] = [
    { name: 'home page', path: '/', as: 'coach', weight: 4 },
    { name: 'my caseload', path: '/caseload', as: 'coach', weight: 3 },
    search && { name: 'person search', path: search, as: 'coach', weight: 3 },
    person && { name: 'person page', path: person, as: 'coach', weight: 3 },
    signUp && { name: 'sign-up page', path: signUp, as: 'coach', weight: 2 },
    searchCsv && { name: 'person search, CSV', path: searchCsv, as: 'coach', weight: 1 },
    report && { name: 'engagement report (year)', path: report, as: 'manager', weight: 1 },
    reportCsv && { name: 'engagement report (year), CSV', path: reportCsv, as: 'manager', weight: 1 },
  ];
  return routes.filter((route): route is MixRoute => !!route);
}

/** The routes in the order each connection goes round them: spread out, so no route comes in a burst. */
function round(routes: MixRoute[]): MixRoute[] {
  const slots = routes.flatMap((route) => Array.from({ length: route.weight }, (_, i) => ({ route, at: (i + 0.5) / route.weight })));
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.route);
}

/**
 * Drives the mix for `minutes` against the running server and reports requests, errors, per-route
 * latency and the server's RSS (first, peak and final sample; whether it stayed under 600 MB).
 */
export async function mixedLoad(server: ServerProcess, cookies: Record<Role, string>, targets: { path: string }[], minutes: number): Promise<string[]> {
  const lines = [`mixed load for ${minutes} min, ${CONNECTIONS} connections, signed in as the coach and the manager:`];
  const routes: MixRoute[] = [];
  for (const route of await mixRoutes(server.baseUrl, cookies, targets)) {
    const probe = await fetch(`${server.baseUrl}${route.path}`, { headers: { cookie: cookies[route.as] }, redirect: 'manual' });
    await probe.arrayBuffer();
    if (probe.status === 200) routes.push(route);
    else lines.push(`    ${route.name} (GET ${route.path}) answers ${probe.status}${probe.status === 404 ? ': not built yet' : ''}; left out of the mix`);
  }
  const sequence = round(routes);
  const latencies = new Map<string, number[]>(routes.map((route) => [route.name, []]));
  const failures = new Map<string, number>();
  let answered = ''; // the route of the response autocannon is reporting (onResponse runs just before 'response')
  const requests = sequence.map((route) => ({
    method: 'GET' as const,
    path: route.path,
    headers: { cookie: cookies[route.as] },
    onResponse: (status: number) => {
      answered = route.name;
      if (status !== 200) failures.set(`${route.name} answered ${status}`, (failures.get(`${route.name} answered ${status}`) ?? 0) + 1);
    },
  }));

  const samples: number[] = [await rssMb(server.child.pid)];
  const sampler = setInterval(() => {
    void rssMb(server.child.pid).then((mb) => {
      samples.push(mb);
      if (samples.length % (60_000 / SAMPLE_MS) === 1) console.log(`    after ${((samples.length - 1) * SAMPLE_MS) / 60_000} min: RSS ${Math.round(mb)} MB`);
    });
  }, SAMPLE_MS);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: server.baseUrl, connections: CONNECTIONS, duration: minutes * 60, requests, timeout: 30 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.get(answered)?.push(ms));
  }).finally(() => clearInterval(sampler));
  samples.push(await rssMb(server.child.pid));

  const done = [...latencies.values()].reduce((sum, list) => sum + list.length, 0);
  lines.push(
    `    ${done.toLocaleString('en-GB')} requests (${Math.round(done / (minutes * 60))} req/s), non-2xx ${result.non2xx}, errors (timeouts, resets) ${result.errors}`,
  );
  for (const [failure, count] of failures) lines.push(`    ${failure}: ${count} times`);
  for (const route of routes) {
    const sorted = (latencies.get(route.name) ?? []).sort((a, b) => a - b);
    lines.push(
      `    ${route.name.padEnd(30)} ${String(sorted.length).padStart(7)} requests, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
    );
  }
  const read = samples.filter(Number.isFinite);
  if (read.length === 0) return [...lines, '    server RSS: not available (no /proc)'];
  const peak = Math.max(...read);
  const verdict = peak < RSS_TARGET_MB ? 'yes' : 'NO';
  lines.push(
    `    server RSS every ${SAMPLE_MS / 1000} s: at the start ${Math.round(samples[0] ?? NaN)} MB, peak ${Math.round(peak)} MB, final ${Math.round(samples.at(-1) ?? NaN)} MB; under ${RSS_TARGET_MB} MB throughout: ${verdict}`,
  );
  return lines;
}
