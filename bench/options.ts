import { parseArgs } from 'node:util';

/**
 * The options the database benchmarks share: --postgres URL (or DATABASE_URL), --people N,
 * --seconds (per measurement), --only pglite|postgres, --keep (the generated PostgreSQL database),
 * --reuse URL (a database generated before).
 */
export function benchOptions() {
  const { values } = parseArgs({
    options: {
      postgres: { type: 'string' },
      people: { type: 'string' },
      seconds: { type: 'string', default: '5' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      // bench:journey only: minutes of mixed load after the per-route measurements (bench/mixed-load.ts)
      'mixed-minutes': { type: 'string', default: '10' },
    },
  });
  return { values, postgresUrl: values.postgres ?? process.env.DATABASE_URL, seconds: Number(values.seconds) };
}
