import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoadHarness, status, type LoadHarness, type LoadRunOptions } from './harness';

/**
 * The load faults on one sandbox, quick phases: each turns the checks it names red (the clean
 * sandbox's green for the same checks is asserted by cli-run.test.ts, through the CLI).
 */
let h: LoadHarness;
beforeAll(async () => { h = await startLoadHarness('gxv-load-test'); }, 120_000);
afterAll(async () => { await h?.stop(); });

describe('load faults on the sandbox (quick phases)', () => {
  /** slow-endpoint: #24 needs ≥ 100 answers of its own in the mix for its p95 to be judged, so a 30 s hold. */
  const LONG_HOLD: LoadRunOptions = { quick: false, load: { holdS: 30 } };
  const FAULTS: Array<[fault: string, ids: string[], red: string[], opts: LoadRunOptions]> = [
    ['slow-endpoint', ['LOAD-P95'], ['LOAD-P95-asia'], { regions: ['asia'], ...LONG_HOLD }],
    ['slow-region', ['LOAD-P95'], ['LOAD-P95-north-america'], { regions: ['asia', 'north-america'] }],
    ['error-burst', ['LOAD-ERRORS', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION'], ['LOAD-ERRORS-asia', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION'], { regions: ['asia'] }],
    ['no-backpressure', ['STRESS-DEGRADATION'], ['STRESS-DEGRADATION'], { regions: ['asia'] }],
    ['db-slow-query', ['LOAD-DB-P95'], ['LOAD-DB-P95'], { regions: ['asia'] }],
    ['projector-slow-under-load', ['LOAD-PROJECTOR-LAG'], ['LOAD-PROJECTOR-LAG'], { regions: ['asia'] }],
  ];
  for (const [fault, ids, red, opts] of FAULTS) {
    it(`${fault}: ${red.join(', ')} fail`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const r = await h.run(ids, opts);
        for (const id of red) expect(status(r, id), id).toMatch(/^fail/);
        if (fault === 'slow-endpoint') expect(r.get('LOAD-P95-asia')?.findings?.some((f) => f.endpoint === '#24')).toBe(true);
        if (fault === 'slow-region') expect(status(r, 'LOAD-P95-asia')).toMatch(/^pass/);
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 300_000);
  }
});
