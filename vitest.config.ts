import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that open only embedded databases of their own, whatever DATABASE_URL says (the command line
 * run on a data folder): the same tests on PGlite and on PostgreSQL, so the PostgreSQL pass leaves them out.
 */
const EMBEDDED_ONLY = ['tests/integration/import-command.test.ts'];

export default defineConfig({
  test: {
    // Two files at a time even on 2 cores (vitest's default is one fewer than the cores, so one): CI
    // runs its passes side by side, and when the others have finished, the last pass's files would
    // otherwise run one at a time on one core, the other idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? EMBEDDED_ONLY : [])],
          globalSetup: ['tests/support/template-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/template-database.ts', 'tests/browser/chromium-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
