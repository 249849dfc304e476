import { defineConfig } from '@playwright/test';

/**
 * `npx playwright test`: the e2e layer's journeys (suites/e2e/journeys) as Playwright tests, one
 * project per region. The target is the built-in sandbox started in global setup, or the profile
 * GXV_PROFILE names (then set GXV_REGIONS to its edge regions). Debian Chromium only: the journeys
 * use Playwright's API request context; no browser download is ever made.
 */
const regions = (process.env.GXV_REGIONS ?? 'asia,north-america,europe').split(',').map((r) => r.trim()).filter(Boolean);

export default defineConfig({
  testDir: 'suites/e2e/playwright',
  testMatch: '*.spec.ts',
  globalSetup: './suites/e2e/playwright/global-setup.ts',
  timeout: 180_000,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'reports/playwright' }]],
  outputDir: 'reports/playwright-results',
  use: { trace: 'retain-on-failure' },
  projects: regions.map((name) => ({ name })),
});
