import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from './harness';
import { faultCases } from './fault-cases';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-errors'); });
afterAll(async () => { await h?.stop(); });

describe('contract, validation and error checks against their sandbox faults', () => {
  faultCases(() => h, ['validation-5xx', 'error-leak', 'bigint-500', 'empty-state-500', 'envelope-drift', 'readyz-ignores-db', 'schema-drift']);
});

/** Faults breaking one infrastructure rule: the check red, every finding naming that rule (flipped live, one sandbox). */
const INFRA_RULE_CASES: ReadonlyArray<[fault: string, check: string, rule: string, finding: RegExp]> = [
  ['health-depends-on-db', 'INT-READYZ-DB', 'RDY-5', /^\S+ \/(livez|health) with the database cut: 503/],
  ['metrics-raw-unmatched-route', 'INT-INFRA-METRICS', 'MET-2', /^\S+: a route label carries a raw id: \/api\/v1\/(users\/gxvprobe[0-9a-f]{12}\/loans|wallets\/[^/]+\/balance)$/],
];

describe('infrastructure rules proven by their faults', () => {
  it('the checks stay green on the clean sandbox', async () => {
    await h.sandbox.faults.set([]);
    const clean = await h.run(INFRA_RULE_CASES.map(([, check]) => check));
    for (const [, check] of INFRA_RULE_CASES) expect(clean.get(check)?.status, explain(clean.get(check))).toBe('pass');
  }, 120_000);

  for (const [fault, check, rule, finding] of INFRA_RULE_CASES) {
    it(`${fault}: ${check} red, its findings naming ${rule}`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const r = (await h.run([check])).get(check);
        expect(r?.status, explain(r)).toBe('fail');
        const findings = r!.findings ?? [];
        expect(findings.length, explain(r)).toBeGreaterThan(0);
        for (const f of findings) {
          expect(f.rule, f.text).toBe(rule);
          expect(f.text).toMatch(finding);
        }
        expect(r!.evidence.length, explain(r)).toBeGreaterThan(0);
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 120_000);
  }
});
