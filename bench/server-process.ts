import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

export interface ServerProcess {
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Milliseconds from spawning the process to the first 200 from /readyz. */
  readyAfterMs: number;
  stop(keepData?: boolean): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `throughcare serve` as its own process (as `npm start` does) on a fresh embedded database or the given DATABASE_URL. */
export async function startServerProcess(options: { databaseUrl?: string; seedDemo: boolean; dataDir?: string }): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'throughcare-bench-')));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SERVER_TIMING: 'true' };
  // As docs/configuration.md advises for a server: a capped heap keeps its memory bounded (unset, Node
  // sizes the heap from the machine's memory and lets RSS climb past 1.2 GB under a mixed load).
  env.NODE_OPTIONS ??= '--max-old-space-size=256';
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...(options.seedDemo ? ['--seed-demo'] : [])], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyAfterMs = performance.now() - started;
  return {
    baseUrl,
    dataDir,
    child,
    readyAfterMs,
    /** Stops the process; removes the embedded database unless it is kept for another start. */
    async stop(keepData = false) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server's peak resident memory (VmHWM), where /proc says. */
export async function peakMemoryMb(server: ServerProcess): Promise<string> {
  const status = await readFile(`/proc/${server.child.pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return Number.isFinite(kb) && kb > 0 ? `${Math.round(kb / 1024)} MB` : 'not available';
}
