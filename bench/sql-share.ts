import { percentile } from './load.ts';

/**
 * How a page's time compares with the time of its own SQL: `n` requests one at a time, each
 * response's Server-Timing header (the server runs with SERVER_TIMING on) giving the request's
 * total and the sum of its queries. The bar: the page at most 1.5 times its SQL.
 */
export async function sqlShare(props: { url: string; cookie: string; n: number }): Promise<string> {
  const totals: number[] = [];
  const sqls: number[] = [];
  let queries = 0;
  for (let i = 0; i < props.n; i += 1) {
    const response = await fetch(props.url, { headers: { cookie: props.cookie } });
    await response.arrayBuffer();
    const timing = response.headers.get('server-timing') ?? '';
    const db = timing.match(/db;dur=([\d.]+);desc="(\d+) queries"/);
    const total = timing.match(/total;dur=([\d.]+)/);
    if (!db || !total) return 'no Server-Timing header (start the server with SERVER_TIMING=true)';
    sqls.push(Number(db[1]));
    totals.push(Number(total[1]));
    queries = Number(db[2]);
  }
  totals.sort((a, b) => a - b);
  sqls.sort((a, b) => a - b);
  const [page, sql] = [percentile(totals, 50), percentile(sqls, 50)];
  const ratio = page / Math.max(sql, 0.1);
  return `in the server, median: page ${page.toFixed(1)} ms, its ${queries} queries ${sql.toFixed(1)} ms: ${ratio.toFixed(2)}x its SQL (target at most 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'})`;
}
