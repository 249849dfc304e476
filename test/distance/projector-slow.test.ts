import { afterAll, describe, expect, it } from 'vitest';
import { explain, startDistanceHarness, type DistanceHarness } from './harness';

/**
 * Fault projector-slow (each event applied 150 ms late) fails RT-LAG on the projector's own lag —
 * the deployment's clocks — from near and from afar; and from afar, on the clean stack, the
 * distance is not mistaken for lag. Only RT-LAG runs (it drives the shared command round trips and
 * its own timing transfers); one sandbox per distance.
 */
const harnesses: DistanceHarness[] = [];
afterAll(async () => { await Promise.all(harnesses.map((h) => h.stop())); }, 60_000);

async function lagWith(h: DistanceHarness, faults: string[]) {
  await h.sandbox.faults.set(faults);
  try {
    const result = (await h.run(['RT-LAG'])).get('RT-LAG')!;
    console.log(`RT-LAG ${faults.join(',') || 'clean'} (RTT ${JSON.stringify(h.rttMs)}): ${result.status} in ${result.durationMs} ms — ${result.message.split('\n')[0]}\n${result.evidence[0]?.response ?? ''}`);
    return result;
  } finally {
    await h.sandbox.faults.set([]);
  }
}

describe('RT-LAG judges the projector, not the distance to it', () => {
  it('250 ms away: the clean stack passes on the server-side lag while the runner sees the distance', async () => {
    const h = await startDistanceHarness('gxv-dist-far', { all: 250 });
    harnesses.push(h);
    const clean = await lagWith(h, []);
    expect(clean.status, explain(clean)).toBe('pass');
    expect(clean.measurements.judged).toBe('server-side');
    expect(Number(clean.measurements.networkBaselineRttMs)).toBeGreaterThanOrEqual(500);
    expect(Number(clean.measurements.samples)).toBeGreaterThanOrEqual(59);
    expect(clean.evidence[0].response).toMatch(/client-observed .*\nnetwork baseline: median RTT .*\nserver-side /);

    const slow = await lagWith(h, ['projector-slow']);
    expect(slow.status, explain(slow)).toBe('fail');
    expect(slow.measurements.judged).toBe('server-side');
    expect(Number(slow.measurements.serverP95Ms)).toBeGreaterThanOrEqual(150);
  }, 300_000);

  it('near (no added latency): projector-slow fails RT-LAG on the server-side lag too', async () => {
    const h = await startDistanceHarness('gxv-dist-near');
    harnesses.push(h);
    const slow = await lagWith(h, ['projector-slow']);
    expect(slow.status, explain(slow)).toBe('fail');
    expect(slow.measurements.judged).toBe('server-side');
    expect(Number(slow.measurements.serverP95Ms)).toBeGreaterThanOrEqual(150);
  }, 180_000);
});
