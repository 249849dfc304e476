import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../suites/integration/index';
import { explain, startHarness, type IntegrationHarness } from './harness';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-clean', { ledger: true }); });
afterAll(async () => { await h?.stop(); });

describe('the whole integration layer on the clean sandbox', () => {
  it('passes every check (the sandbox is a correct target and its profile meets every need)', async () => {
    const results = await h.run(checks.map((c) => c.id));
    const notPassing = [...results.values()].filter((r) => r.status !== 'pass');
    expect(notPassing.map(explain)).toEqual([]);
    expect(results.size).toBe(checks.length);
  }, 180_000);
});
