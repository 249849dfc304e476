import { expect, it } from 'vitest';
import { CORE_FAULTS } from '../../sandbox/faults/core-faults';
import { evaluateCriteria } from '../../src/criteria/evaluate';
import { verdict } from '../../src/criteria/verdict';
import { explain, type IntegrationHarness } from './harness';

export type CoreFault = keyof typeof CORE_FAULTS;

/**
 * One test per fault: the checks the fault names pass on the clean sandbox ("stays green on a
 * correct target"), fail while the fault is switched on at runtime (failing a blocking criterion,
 * so the verdict is NO-GO), and the fault is switched off again whatever happens.
 */
export function faultCases(harness: () => IntegrationHarness, faults: CoreFault[]): void {
  for (const fault of faults) {
    // The integration checks the fault names (other layers prove their own ids in their tests).
    const ids = CORE_FAULTS[fault].checks.filter((id: string) => id.startsWith('INT-'));
    it(`${fault}: ${ids.join(', ')} stay green on a correct target and turn red with the fault`, async () => {
      const h = harness();
      await h.sandbox.faults.set([]);
      const clean = await h.run(ids);
      for (const id of ids) expect(clean.get(id)?.status, explain(clean.get(id))).toBe('pass');
      await h.sandbox.faults.set([fault]);
      try {
        const red = await h.run(ids);
        for (const id of ids) {
          const result = red.get(id);
          expect(result?.status, explain(result)).toBe('fail');
          // A failing check names what it sent and what came back.
          expect(result!.evidence.length, explain(result)).toBeGreaterThan(0);
        }
        // The red checks alone fail a blocking criterion, so the verdict is NO-GO whatever else ran.
        const criteria = evaluateCriteria([...red.values()], { regions: ['local'], waivers: [] });
        const failed = criteria.filter((c) => c.blocking && c.status === 'fail');
        expect(failed.map((c) => c.id), `${fault} fails no blocking criterion`).not.toEqual([]);
        expect(verdict(criteria)).toBe('NO-GO');
      } finally {
        await h.sandbox.faults.set([]);
      }
    });
  }
}
