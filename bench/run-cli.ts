import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** A database a benchmark runs against: an embedded PGlite directory or a PostgreSQL URL. */
export type BenchDatabase = { dataDir: string } | { url: string };

/** Runs the throughcare command line against a database; returns how long it took, in milliseconds. */
export async function runCli(args: string[], database: BenchDatabase): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if ('url' in database) env.DATABASE_URL = database.url;
  else env.DATA_DIR = database.dataDir;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`throughcare ${args.join(' ')} exited with ${code}`);
  return performance.now() - started;
}
