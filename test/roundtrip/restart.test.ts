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

/**
 * RT-UNKNOWN-EVENT on the same sandbox: green on the clean stack; red with
 * projector-retries-unknown-event (switched on live), its finding naming PROJ-6 only; and green
 * again once the fault is off, which also shows the stalled projector got past the event.
 */
describe('RT-UNKNOWN-EVENT', () => {
  it('passes on the clean stack, fails on PROJ-6 with projector-retries-unknown-event, and passes again after', async () => {
    const green = (await h.run(['RT-UNKNOWN-EVENT'])).get('RT-UNKNOWN-EVENT');
    expect(green?.status, explain(green)).toBe('pass');
    expect(green?.measurements.ignored).toBe(1);
    await h.sandbox.faults.set(['projector-retries-unknown-event']);
    let red;
    try {
      red = (await h.run(['RT-UNKNOWN-EVENT'])).get('RT-UNKNOWN-EVENT');
    } finally {
      await h.sandbox.faults.set([]);
    }
    expect(red?.status, explain(red)).toBe('fail');
    expect(new Set((red?.findings ?? []).map((f) => f.rule)), explain(red)).toEqual(new Set(['PROJ-6']));
    expect(red?.message).toMatch(/did not acknowledge the event named GxvUnknownEvent_\w+ .*counts it failed/);
    const again = (await h.run(['RT-UNKNOWN-EVENT'])).get('RT-UNKNOWN-EVENT');
    expect(again?.status, explain(again)).toBe('pass');
  }, 150_000);
});
