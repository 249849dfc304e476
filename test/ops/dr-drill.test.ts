import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startE2eHarness, type E2eHarness } from '../e2e/harness';

/**
 * OPS-DR-DRILL on its own sandbox: PostgreSQL, the projector and a submitter killed under writes
 * lose nothing on the clean sandbox; with dr-lose-events the restarted projector skips what it
 * had not applied, and the drill shows the committed transfers missing from the read model.
 */
let h: E2eHarness;
beforeAll(async () => { h = await startE2eHarness('dr-drill', { edges: false, monitoring: false }); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

describe('OPS-DR-DRILL', () => {
  it('passes on the clean sandbox, with a recovery time per part', async () => {
    const r = (await h.run(['OPS-DR-DRILL'])).get('OPS-DR-DRILL');
    expect(r?.status, explain(r)).toBe('pass');
    for (const part of ['postgres', 'projector', 'submitter']) expect(r?.measurements[`${part}RecoveryMs`]).toBeGreaterThan(0);
    expect(r?.measurements.accepted).toBeGreaterThan(10);
    expect(r?.measurements.lost).toBe(0);
  }, 300_000);

  it('dr-lose-events turns it red: committed transfers never reach the read model', async () => {
    await h.sandbox.faults.set(['dr-lose-events']);
    try {
      const r = (await h.run(['OPS-DR-DRILL'])).get('OPS-DR-DRILL');
      expect(r?.status, explain(r)).toBe('fail');
      expect(r?.message).toMatch(/never reached the read model/);
      expect((r?.findings ?? []).some((f) => f.rule === 'PROJ-4')).toBe(true);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 300_000);
});
