import { defineConfig } from 'vitest/config';

/**
 * Three projects. `unit` and `alone` are the project's own tests (what `npm test` and CI run,
 * `alone` after `unit`). `gx` runs the checks themselves as vitest tests against the built-in
 * sandbox or GXV_PROFILE: `npx vitest run --project gx [-t INT-JWT]` (src/vitest, suites/vitest/).
 */

/** Test files that measure the sandbox under load: run by themselves (the `alone` project). */
const ALONE = ['test/load/cli-run.test.ts', 'test/load/layer.test.ts', 'test/load/endpoints-soak.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: sandbox-backed test files each start Postgres, Redis and seven services.
    maxWorkers: 2,
    restoreMocks: true,
    unstubEnvs: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'sandbox/**/*.test.ts', 'suites/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'suites/e2e/**', ...ALONE],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          retry: process.env.CI ? 1 : 0,
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          retry: process.env.CI ? 1 : 0,
          // Load tests judge latency under load they generate: another sandbox beside them on two
          // cores would be judged too. `npm test` runs them after the rest, one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'gx',
          include: ['suites/vitest/**/*.gx.ts'],
          globalSetup: ['src/vitest/global-setup.ts'],
          // A check's own time limit applies inside; this only bounds a hung test.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          maxConcurrency: 4,
          // One file holds every check of the run: its report is written once, at the end.
          fileParallelism: false,
        },
      },
    ],
  },
});
