import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';

/**
 * The passive inspectors judge answers other checks provoked: the oversize probe's 413 is
 * inspected for leaks like any answer (issue 10: a 413 with a stack trace passed before).
 */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-answers-faults'); }, 120_000);
afterAll(async () => { await h?.stop(); });

describe('passive inspectors on answers other checks received', () => {
  it('oversize-error-stack: INT-ANSWERS-LEAKS is green clean and red with the fault, on INT-OVERSIZE-BODY\'s 413', async () => {
    const ids = ['INT-OVERSIZE-BODY', 'INT-ANSWERS-LEAKS'];
    await h.sandbox.faults.set([]);
    const clean = await h.run(ids);
    expect(clean.get('INT-ANSWERS-LEAKS')?.status, explain(clean.get('INT-ANSWERS-LEAKS'))).toBe('pass');
    await h.sandbox.faults.set(['oversize-error-stack']);
    try {
      const red = await h.run(ids);
      const result = red.get('INT-ANSWERS-LEAKS')!;
      expect(result.status, explain(result)).toBe('fail');
      expect(result.findings?.[0]).toMatchObject({ rule: 'ERR-3', component: 'service' });
      expect(result.findings?.[0].text).toMatch(/413 \(asked by INT-OVERSIZE-BODY\).*stack frame/);
      // The oversize check itself only judges status and envelope: the inspector is what catches it.
      expect(red.get('INT-OVERSIZE-BODY')?.status).toBe('pass');
    } finally {
      await h.sandbox.faults.set([]);
    }
  });

  it('an inspector with nothing to judge cannot pass', async () => {
    const results = await h.run(['INT-ANSWERS-E1']);
    expect(results.get('INT-ANSWERS-E1')?.status).toBe('error');
    expect(results.get('INT-ANSWERS-E1')?.message).toMatch(/could not exercise/);
  });
});
