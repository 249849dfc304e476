import { describe, expect, it } from 'vitest';
import { RttSampler } from '../../src/measure/baseline';

describe('RttSampler.during', () => {
  it('stopped while a probe is in flight, it ends with that probe instead of sleeping out its interval', async () => {
    const sampler = new RttSampler('test', () => new Promise((resolve) => setTimeout(resolve, 50)));
    const stop = sampler.during(60_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    await stop();
    // Before the fix the loop slept the full interval on an unref'd timer (a bare CLI exited with code 13 there).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sampler.summary().samples).toBe(1);
  });
});
