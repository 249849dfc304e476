import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startRoundTripHarness, type RoundTripHarness } from './harness';

/**
 * RT-RESTART on its own sandbox: green on the clean stack, red with each projector fault it is
 * linked to (switched on at runtime), each fault twice, so a red that depends on timing would show.
 */
let h: RoundTripHarness;
beforeAll(async () => { h = await startRoundTripHarness('rt-restart'); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

describe('RT-RESTART', () => {
  it('passes on the clean stack', async () => {
    const r = (await h.run(['RT-RESTART'])).get('RT-RESTART');
    expect(r?.status, explain(r)).toBe('pass');
    expect(r?.measurements.killedInsideEffect).toBe(true);
  }, 150_000);

  const cases: Array<[string, RegExp]> = [
    ['projector-checkpoint-early', /locked" committed in block \d+ but never reached the read model/],
    ['projector-double-apply', /balance/],
  ];
  for (const [fault, why] of cases) {
    it.each([1, 2])(`${fault} turns it red (round %i)`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const r = (await h.run(['RT-RESTART'])).get('RT-RESTART');
        expect(r?.status, explain(r)).toBe('fail');
        expect(r?.message).toMatch(why);
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 150_000);
  }
});
