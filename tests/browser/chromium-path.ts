import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's Chromium (`apt-get install -y chromium`): the browser the tests were written against. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's headless shell of the same Chromium (`apt-get install -y chromium-headless-shell`): the
 * same engine without the browser's own windows, what Playwright itself runs for headless tests. It
 * took a fifth less processor time than the full browser for the same pages (decision 0006).
 */
export const DEBIAN_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The Chromium the browser tests start, in this order:
 * 1. `CHROMIUM_PATH`, when set (any other build of Chromium).
 * 2. Debian's headless shell, where it is installed: Debian's Chromium without its windows, lighter.
 * 3. Debian's Chromium at /usr/bin/chromium: kept up to date by the operating system, with its own
 *    fonts, and what the tests were written against.
 * 4. Otherwise the Chromium that `npm install` brought as a dev dependency (@sparticuz/chromium), so
 *    `npm install && npm test` passes on a machine with only Node.js. It ships the browser inside the
 *    package tarball, because Playwright's and Puppeteer's own installers download theirs from a CDN
 *    that such a machine may not reach. See docs/decisions/0006-browser-for-tests.md.
 * `TEST_CHROMIUM=npm` skips steps 2 and 3: the tests then run on the npm one even where Debian's is installed.
 */
export async function chromiumExecutablePath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const debian = env.TEST_CHROMIUM === 'npm' ? undefined : [DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM].find((path) => existsSync(path));
  return debian ?? npmChromium();
}

/**
 * The npm package's Chromium, unpacked on first use (brotli, about 5 s) into a folder of the temporary
 * directory named for the package's version, so an upgrade unpacks afresh. The package unpacks into
 * os.tmpdir() and reuses any `chromium` found there, so a child process with its own TMPDIR does it,
 * in a scratch folder renamed into place only when complete.
 */
async function npmChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('No Chromium for the browser tests: install one (apt-get install -y chromium) or set CHROMIUM_PATH; the npm one is for Linux x64 only');
  }
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const packageFolder = join('node_modules', '@sparticuz', 'chromium');
  const packageJson = join(entry.slice(0, entry.lastIndexOf(packageFolder) + packageFolder.length), 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const folder = join(tmpdir(), `throughcare-chromium-${version}`);
  const binary = join(folder, 'chromium');
  if (existsSync(binary)) return binary;
  const scratch = `${folder}.${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  execFileSync(process.execPath, ['--input-type=module', '-e', `await (await import(${JSON.stringify(pathToFileURL(entry).href)})).default.executablePath()`], {
    env: { ...process.env, TMPDIR: scratch },
    stdio: 'inherit',
  });
  try {
    renameSync(scratch, folder);
  } catch (error) {
    if (!existsSync(binary)) throw error; // else another process got there first
    rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}
