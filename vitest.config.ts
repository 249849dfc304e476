import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'sandbox/**/*.test.ts', 'suites/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'suites/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: sandbox-backed test files each start Postgres, Redis and seven services.
    maxWorkers: 2,
    restoreMocks: true,
    unstubEnvs: true,
    retry: process.env.CI ? 1 : 0,
  },
});
