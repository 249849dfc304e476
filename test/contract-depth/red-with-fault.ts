import { expect, it } from 'vitest';
import { explain, type IntegrationHarness } from '../integration/harness';

/** A fault, the checks it must turn red, and what their findings must say. */
export type RedCase = readonly [fault: string, checks: readonly string[], finding: RegExp];

/**
 * One test per fault: the checks fail while the fault is on, their findings (and, with
 * `withMessage`, their message) name what broke, and the fault is switched off whatever happens.
 */
export function redWithFault(harness: () => IntegrationHarness, cases: readonly RedCase[], options: { timeoutMs?: number; withMessage?: boolean } = {}): void {
  for (const [fault, ids, finding] of cases) {
    it(`${fault}: ${ids.join(', ')} red with the fault`, async () => {
      const h = harness();
      await h.sandbox.faults.set([fault]);
      try {
        const results = await h.run([...ids]);
        for (const id of ids) {
          const r = results.get(id)!;
          expect(r.status, explain(r)).toBe('fail');
          const said = (r.findings ?? []).map((f) => f.text).join('\n');
          expect(options.withMessage ? `${r.message}\n${said}` : said).toMatch(finding);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, options.timeoutMs);
  }
}
