import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { connectPglite } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { addImportCommand, type CommandIo } from '../../src/cli/import-program.ts';
import type { Database } from '../../src/db/schema.ts';
import { templateTarball } from './database.ts';
import { testServer } from './postgres-admin.ts';

/** The operator's command line, run in processes of its own as `node --import tsx src/cli/main.ts`. */
export const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * A new folder holding a migrated embedded database, for the command line's processes to open as
 * DATA_DIR: loaded from the database the run's global set-up migrated (template-database.ts) when the
 * tests run on PGlite, else created and migrated here. Creating a PGlite database and applying every
 * migration takes a process many seconds; loading the copy, one or two. `prepare` adds what the
 * tests start from (the demo programme, say) before any process opens it.
 */
export async function migratedDataDir(prefix: string, prepare?: (db: Kysely<Database>) => Promise<unknown>): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const template = testServer() ? undefined : inject('testDatabaseTemplate');
  const handle = await connectPglite(dataDir, template ? { loadDataDir: await templateTarball(template) } : {});
  try {
    await migrate(handle);
    await prepare?.(handle.db);
  } finally {
    await handle.close();
  }
  return dataDir;
}

/** The environment of a command run on the embedded database in dataDir (never the test server's). */
export function commandEnv(dataDir: string, change: Record<string, string> = {}): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...change };
  delete vars.DATABASE_URL;
  delete vars.DATABASE_OWNER_URL;
  return vars;
}

export interface ProcessRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `throughcare ARGS` in a process of its own to the end: its exit code, standard output and
 * standard error. Never spawnSync: a test worker blocked for a minute by a slow process (a loaded CI
 * machine) misses Vitest's own messages, and the run fails with every test passed.
 */
export function runThroughcare(args: string[], options: { env: NodeJS.ProcessEnv; timeout?: number }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: options.env, timeout: options.timeout ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `throughcare ARGS` on the embedded database in dataDir: its exit code, standard output and standard error. */
export function throughcareIn(dataDir: string, args: string[], change: Record<string, string> = {}): Promise<ProcessRun> {
  return runThroughcare(args, { env: commandEnv(dataDir, change) });
}

/** How a command ended in this process: io.exit throws it, so nothing after the exit runs, as in a process. */
class Exited {
  constructor(readonly status: number) {}
}

/**
 * Runs `throughcare import ARGS` in this process, as the command line defines it (commander's parsing,
 * usage mistakes, exit codes), with env for the process's environment: its exit code, standard output
 * and standard error. A process costs seconds to start; this, milliseconds. An error the command does
 * not expect is written with its stack, exit 1, as Node does for a process.
 */
export async function importInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    env,
    out: (line) => void (stdout += `${line}\n`),
    err: (text) => void (stderr += text),
    exit: (status) => {
      throw new Exited(status);
    },
  };
  const program = new Command('throughcare');
  addImportCommand(program, io);
  try {
    await program.parseAsync(['import', ...args], { from: 'user' });
    throw new Error('throughcare import ended without an exit code');
  } catch (error) {
    if (error instanceof Exited) return { status: error.status, stdout, stderr };
    stderr += `${error instanceof Error ? error.stack : String(error)}\n`;
    return { status: 1, stdout, stderr };
  }
}
