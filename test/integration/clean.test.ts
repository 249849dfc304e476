import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../suites/integration/index';
import { explain, startHarness, type IntegrationHarness } from './harness';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-clean', { ledger: true }); });
afterAll(async () => { await h?.stop(); });

describe('the whole integration layer on the clean sandbox', () => {
  it('passes every check (the sandbox is a correct target and its profile meets every need)', async () => {
    const results = await h.run(checks.map((c) => c.id));
    // The harness profile reaches the services directly: the edge-routing prerequisite has no edge to judge.
    const edgeOnly = results.get('INT-EDGE-ROUTING-local');
    expect(edgeOnly?.status, explain(edgeOnly)).toBe('skipped');
    expect(edgeOnly?.message).toMatch(/Needs an edge/);
    const notPassing = [...results.values()].filter((r) => r !== edgeOnly && r.status !== 'pass');
    expect(notPassing.map(explain)).toEqual([]);
    expect(results.size).toBe(checks.length);
  // A bound on a hung run, not a speed goal: ~220 checks beside another sandbox on two cores.
  }, 300_000);
});
