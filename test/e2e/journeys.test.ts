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

  it('each journey fault turns its journey red at the step it breaks, the trace kept as an artifact', async () => {
    // The two faults touch different endpoints (#3 and #15), so the three journeys run together.
    await h.sandbox.faults.set(['journey-balance-stale', 'journey-pending-stale']);
    try {
      const results = await h.run(['E2E-JOURNEY-USER', 'E2E-JOURNEY-PAUSE', 'E2E-JOURNEY-MULTISIG'], asiaOnly());
      const user = results.get('E2E-JOURNEY-USER-asia');
      expect(user?.status, explain(user)).toBe('fail');
      expect(user?.message).toMatch(/step "balanceProjected"/);
      expect(user?.findings?.some((f) => f.rule === 'CMD-3' && /balance stayed/.test(f.text))).toBe(true);
      expect(user?.artifacts?.some((a) => a.endsWith('trace-asia.zip'))).toBe(true);
      const pause = results.get('E2E-JOURNEY-PAUSE-asia');
      expect(pause?.status, explain(pause)).toBe('fail');
      expect(pause?.message).toMatch(/step "projected"/);
      const multisig = results.get('E2E-JOURNEY-MULTISIG-asia');
      expect(multisig?.status, explain(multisig)).toBe('fail');
      expect(multisig?.message).toMatch(/step "executed".*leave the pending list/);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);

  /**
   * The journeys' own rules (ID-2, TOK-3, ORG-1, ORG-2), each broken by one fault; two faults per
   * run, one per journey (neither touches the other journey's steps), so two runs prove all four.
   * Each red journey's findings name only the rule its fault broke.
   */
  const RULE_RUNS: ReadonlyArray<Array<[fault: string, journey: string, rule: string, step: string, finding: RegExp]>> = [
    [
      ['profile-id-not-uuid', 'E2E-JOURNEY-USER', 'ID-2', 'profile', /^profile: registration assigned profileId "[a-z0-9]+", not a UUID$/],
      ['pending-tx-id-without-org', 'E2E-JOURNEY-MULTISIG', 'ORG-1', 'initiate', /^initiate: pendingTxId multisig-[a-z0-9]+ is not multisig-<orgId>-<suffix>$/],
    ],
    [
      ['ledger-fee-per-mille', 'E2E-JOURNEY-USER', 'TOK-3', 'balanceProjected', /^balanceProjected: the transfer of 1\.5 was charged fee 0\.0150* \(the balance went \S+ → \S+, a debit of 1\.515000000\); TOK-3: fee = amount × 10 \/ 10000 = 0\.0015$/],
      ['ledger-rule-needs-threshold', 'E2E-JOURNEY-MULTISIG', 'ORG-2', 'pending', /^pending: the pending transaction requires 1 approvals, the rule says 2$/],
    ],
  ];
  it.each(RULE_RUNS.map((run) => [run.map(([fault]) => fault).join(' + '), run] as const))('%s: each journey red on the rule its fault breaks', async (_name, run) => {
    await h.sandbox.faults.set(run.map(([fault]) => fault));
    try {
      const results = await h.run(run.map(([, journey]) => journey), asiaOnly());
      for (const [fault, journey, rule, step, finding] of run) {
        const r = results.get(`${journey}-asia`);
        expect(r?.status, `${fault}: ${explain(r)}`).toBe('fail');
        expect(r?.message).toContain(`step "${step}"`);
        const ruled = (r?.findings ?? []).filter((f) => f.rule !== null);
        expect(ruled.map((f) => f.rule), `${fault}: ${explain(r)}`).toEqual([rule]);
        expect(ruled[0].text).toMatch(finding);
        expect(ruled[0].evidence?.length ?? r!.evidence.length).toBeGreaterThan(0);
      }
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);
});
