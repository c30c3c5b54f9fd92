import { chromiumExecutablePath } from './chromium-path.ts';

/**
 * Vitest global setup for the browser tests: finds Chromium once before any test file starts. For the
 * npm-installed one this unpacks it (a few seconds, once per machine), so test files started side by
 * side never launch a half-unpacked browser.
 */
export default async function findChromium() {
  await chromiumExecutablePath();
}
