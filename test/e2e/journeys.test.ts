import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startE2eHarness, type E2eHarness } from './harness';

/**
 * The user journeys through every regional edge of one sandbox: all green on the clean sandbox
 * (each step timed), and the user journey red where the balance endpoint goes stale.
 */
let h: E2eHarness;
beforeAll(async () => { h = await startE2eHarness('journeys', { monitoring: false }); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

const REGIONS = ['asia', 'north-america', 'europe'];

describe('e2e journeys', () => {
  it('pass in every region, with timing per step', async () => {
    const results = await h.run(['E2E-JOURNEY-USER', 'E2E-JOURNEY-MULTISIG', 'E2E-JOURNEY-PAUSE']);
    for (const journey of ['E2E-JOURNEY-USER', 'E2E-JOURNEY-MULTISIG', 'E2E-JOURNEY-PAUSE']) {
      for (const region of REGIONS) {
        const r = results.get(`${journey}-${region}`);
        expect(r?.status, explain(r)).toBe('pass');
      }
    }
    const user = results.get('E2E-JOURNEY-USER-asia')!;
    for (const step of ['registerMs', 'profileMs', 'genesisProjectedMs', 'balanceProjectedMs', 'refreshRefusedMs']) expect(user.measurements[step]).toBeGreaterThanOrEqual(0);
    expect(results.has('E2E-JOURNEY-USER-local')).toBe(false);
  }, 240_000);

  const asiaOnly = () => h.targetWith((doc) => { doc.regions = doc.regions.filter((r: { name: string }) => r.name === 'asia'); });

  it('journey-balance-stale also turns the pause journey red (the resumed transfer never shows)', async () => {
    await h.sandbox.faults.set(['journey-balance-stale']);
    try {
      const r = (await h.run(['E2E-JOURNEY-PAUSE'], asiaOnly())).get('E2E-JOURNEY-PAUSE-asia');
      expect(r?.status, explain(r)).toBe('fail');
      expect(r?.message).toMatch(/step "projected"/);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);

  it('journey-pending-stale turns the multisig journey red: the executed transaction stays pending', async () => {
    await h.sandbox.faults.set(['journey-pending-stale']);
    try {
      const r = (await h.run(['E2E-JOURNEY-MULTISIG'], asiaOnly())).get('E2E-JOURNEY-MULTISIG-asia');
      expect(r?.status, explain(r)).toBe('fail');
      expect(r?.message).toMatch(/step "executed".*leave the pending list/);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);

  it('journey-balance-stale turns the user journey red at the balance step, with the trace as an artifact', async () => {
    await h.sandbox.faults.set(['journey-balance-stale']);
    try {
      const r = (await h.run(['E2E-JOURNEY-USER'], asiaOnly())).get('E2E-JOURNEY-USER-asia');
      expect(r?.status, explain(r)).toBe('fail');
      expect(r?.message).toMatch(/step "balanceProjected"/);
      expect(r?.findings?.some((f) => f.rule === 'CMD-3' && /balance stayed/.test(f.text))).toBe(true);
      expect(r?.artifacts?.some((a) => a.endsWith('trace-asia.zip'))).toBe(true);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);
});
