import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that open only embedded databases of their own, whatever DATABASE_URL says (the command line
 * run on a data folder): the same tests on PGlite and on PostgreSQL, so the PostgreSQL pass leaves them out.
 */
const EMBEDDED_ONLY = ['tests/integration/import-command.test.ts', 'tests/integration/programme-create-command.test.ts'];

/**
 * Vitest starts the files that took longest last time first, or on a first run (a clean clone, as in
 * CI) the largest: these are small but long, so they start first rather than run alone at the end.
 */
const SMALL_BUT_LONG = ['tests/integration/route-access-more-roles.test.ts'];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) => SMALL_BUT_LONG.some((name) => file.moduleId.endsWith(name));
    return [...sorted.filter(long), ...sorted.filter((file) => !long(file))];
  }
}

export default defineConfig({
  test: {
    // Two files at a time even on 2 cores (vitest's default is one fewer than the cores, so one): CI
    // runs its passes side by side, and when the others have finished, the last pass's files would
    // otherwise run one at a time on one core, the other idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongFirst },
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? EMBEDDED_ONLY : [])],
          globalSetup: ['tests/support/template-database.ts'],
          testTimeout: 30_000,
          // CI runs three passes side by side on two cores: a file's set-up (a generated programme)
          // can take minutes there, and a timeout would fail the run for being slow, not wrong.
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/template-database.ts', 'tests/browser/chromium-setup.ts'],
          // A journey of ten to twenty pages, each checked with axe, takes 15–26 s alone and three times
          // that in CI, where three passes share two cores: a minute failed runs for being slow, not wrong.
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
