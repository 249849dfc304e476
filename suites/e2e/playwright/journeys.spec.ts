import path from 'node:path';
import { expect, test } from '@playwright/test';
import { journeyChecks } from '../index';
import { runCheckInRegion } from './run-check';

/**
 * The e2e journeys as Playwright tests: one per journey, in every project (= region) of
 * playwright.config.ts. The journey logic is the check's own (suites/e2e/journeys); the test
 * attaches its evidence and, on failure, the journey's Playwright trace.
 */
for (const check of journeyChecks) {
  test(check.id, async ({}, testInfo) => {
    const { result, artifactsDir } = await runCheckInRegion(check, testInfo.project.name);
    await testInfo.attach(`${result.id}.json`, { body: JSON.stringify(result, null, 1), contentType: 'application/json' });
    for (const artifact of result.artifacts ?? []) {
      await testInfo.attach(path.basename(artifact), { path: path.join(artifactsDir, artifact.replace(/^artifacts\//, '')) });
    }
    test.skip(result.status === 'skipped', result.message);
    expect(result.status, `${result.id}: ${result.message}`).toBe('pass');
  });
}
