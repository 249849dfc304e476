import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundtripChecks } from '../../suites/integration/roundtrip/index';
import { explain, startRoundTripHarness, type RoundTripHarness } from './harness';

/**
 * The round-trip checks against a real sandbox + ledger stack: all green on the clean stack, each
 * worker fault (switched on at runtime) turns the checks it is linked to red, and the ledger
 * fault fabric-slow-commit shows as commit latency, not as projector lag.
 */
let h: RoundTripHarness;
beforeAll(async () => { h = await startRoundTripHarness('rt-main'); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

// RT-EXACTLY-ONCE, RT-POISON and RT-BREAKER (submitter.test.ts) and RT-RESTART and RT-UNKNOWN-EVENT (restart.test.ts) have their own files and sandboxes.
const OWN_FILES = new Set(['RT-EXACTLY-ONCE', 'RT-POISON', 'RT-BREAKER', 'RT-RESTART', 'RT-UNKNOWN-EVENT']);
const IMPLEMENTED = roundtripChecks.map((c) => c.id).filter((id) => !OWN_FILES.has(id));

describe('round-trip checks', () => {
  it('every round-trip check passes on the clean stack', async () => {
    const results = await h.run(IMPLEMENTED);
    for (const id of IMPLEMENTED) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
    const lag = results.get('RT-LAG')!;
    expect(Number(lag.measurements.judgedP95Ms)).toBeLessThanOrEqual(100);
    console.log(`RT-LAG: ${lag.message}; RT-COMMIT-LATENCY: ${results.get('RT-COMMIT-LATENCY')?.message}`);
  }, 180_000);

  const cases: Array<[string, string[]]> = [
    ['submitter-wrong-function', ['RT-CMD-TRANSFER_TOKENS']],
    ['projector-skip-validation-drop', ['RT-CMD-TRANSFER_TOKENS']],
    ['projector-processing-time', ['RT-CMD-TRANSFER_TOKENS']],
    ['projector-hardcoded-tenant', ['RT-CMD-TRANSFER_TOKENS']],
    ['outbox-service-key', ['RT-CMD-CREATE_USER']],
    ['profile-id-reissued', ['RT-CMD-CREATE_USER']],
    ['outbox-double-insert', ['RT-CMD-CREATE_USER']],
    ['submitter-records-wrong-txid', ['RT-CMD-CREATE_USER']],
    ['submitter-operator-identity', ['RT-CMD-APPOINT_ADMIN']],
    ['projector-status-casing', ['RT-STATUS-AGREEMENT']],
    ['projector-stall', ['RT-LAG', 'RT-PROJECTOR-HEALTH']],
    ['projector-heartbeat-when-busy', ['RT-PROJECTOR-HEALTH']],
  ];
  const RULE_OF: Record<string, [string, RegExp]> = {
    // The skipped transfer is told apart from lag: the checkpoint is past its event.
    'projector-skip-validation-drop': ['PROJ-5', /skipped past/],
    'projector-processing-time': ['PROJ-7', /timestamp .* is not the ledger transaction's/],
    'projector-hardcoded-tenant': ['PROJ-1', /tenantId "gx", not the projector's TENANT_ID/],
    'outbox-service-key': ['CMD-2', /service is "identity", not the producing service svc-identity/],
    'projector-heartbeat-when-busy': ['PROJ-9', /heartbeatAt went \d+ ms without a change/],
    'submitter-operator-identity': ['CMD-5', /APPOINT_ADMIN: its ledger transaction is signed by Org1MSP certificate .*, not by Org1MSP certificate/],
    'submitter-records-wrong-txid': ['OUT-5', /does not know transaction .*the row does not record the transaction it sent/],
    'outbox-double-insert': ['CMD-1', /1 more OutboxCommand row\(s\) of the tenant carry the same CREATE_USER payload/],
    'profile-id-reissued': ['CMD-4', /the 202 answered profileId .*, but the ledger is sent userId/],
  };
  for (const [fault, ids] of cases) {
    it(`${fault} turns ${ids.join(', ')} red`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const results = await h.run(ids);
        for (const id of ids) expect(results.get(id)?.status, explain(results.get(id))).toBe('fail');
        // These faults show under the rule they break.
        const said = RULE_OF[fault];
        if (said) {
          const r = results.get(ids[0]);
          expect((r?.findings ?? []).filter((f) => f.rule === said[0]).map((f) => f.text).join(' '), explain(r)).toMatch(said[1]);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 240_000);
  }

  // The lag runs from the commit as a client sees it (the events' arrival on the suite's own
  // listener): 500 ms more per block commit is ledger time, judged by RT-COMMIT-LATENCY.
  it('fabric-slow-commit turns RT-COMMIT-LATENCY red (ledger time, which RT-LAG does not count)', async () => {
    await h.sandbox.faults.set(['fabric-slow-commit']);
    try {
      const commit = (await h.run(['RT-COMMIT-LATENCY'])).get('RT-COMMIT-LATENCY')!;
      expect(commit.status, explain(commit)).toBe('fail');
      expect(Number(commit.measurements.judgedP50Ms)).toBeGreaterThanOrEqual(500);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 240_000);
});
