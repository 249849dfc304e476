import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';
import { redWithFault } from './red-with-fault';

/**
 * Checks that need the whole write path (ledger emulator, submitters, projector) on one sandbox:
 * worker endpoints (§9–§10), replay per handler across projector restarts (PROJ-3, PROJ-4, PROJ-8,
 * PROJ-10) and the read-model state the fixtures rely on (FIX-1, FIX-2).
 */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-depth-ledger', { ledger: true }); }, 180_000);
afterAll(async () => { await h?.stop(); });

const CASES: Array<[string, string, RegExp]> = [
  ['worker-metrics-prefixed', 'INT-WORKER-ENDPOINTS', /outbox_queue_depth is missing/],
  ['worker-unknown-route-text', 'INT-WORKER-ENDPOINTS', /GET \/gxv-unknown: content-type/],
  ['worker-health-drift', 'INT-WORKER-ENDPOINTS', /\/health document: queueDepth/],
  ['projector-double-apply', 'RT-RESTART-HANDLERS', /GenesisDistributed after two restarts: the user's balance 2000 ?.*expected 1000/],
  ['projector-counters-not-idempotent', 'RT-RESTART-HANDLERS', /VoteCast after two restarts: votesFor: 2, expected 1/],
];

/**
 * Faults switched on together, one run of their check: each must show its own finding, tagged with
 * the rule it breaks (the check is slow, so two faults of different cases share one run).
 */
const SHARED_RUNS: Array<{ check: string; faults: Array<[fault: string, rule: string, finding: RegExp]> }> = [
  {
    check: 'RT-RESTART-HANDLERS',
    faults: [
      ['projector-txid-per-apply', 'PROJ-10', /GENESIS rows of one event \(block \d+\) carry different onChainTxIds .*not deterministic/],
      ['projector-split-transfer', 'PROJ-8', /TransferCompleted: the sender's SENT row was visible while the receiver's credit was still being applied: .*not atomic/],
    ],
  },
  {
    check: 'INT-DB-FIXTURES',
    faults: [
      ['treasury-wallet-renamed', 'FIX-1', /treasury of fixture country [A-Z]{2}: no live Wallet with profileId treasury_[A-Z]{2}/],
      ['org-type-title-case', 'FIX-2', /Organization\.orgType '(Business|Ngo|Government)' on \d+ row/],
    ],
  },
];

describe('worker endpoints, replay per handler and the fixtures\' read-model state', () => {
  it('stay green on a correct target', async () => {
    const ids = [...new Set([...CASES.map(([, id]) => id), ...SHARED_RUNS.map((r) => r.check)])];
    const results = await h.run(ids);
    for (const id of ids) expect(results.get(id)?.status, `${explain(results.get(id))}\n${(results.get(id)?.findings ?? []).map((f) => f.text).join('\n')}`).toBe('pass');
  }, 240_000);
  redWithFault(() => h, CASES.map(([fault, id, finding]) => [fault, [id], finding] as const), { timeoutMs: 240_000 });
  for (const run of SHARED_RUNS) {
    it(`${run.faults.map(([f]) => f).join(' + ')}: ${run.check} red, each fault with its rule`, async () => {
      await h.sandbox.faults.set(run.faults.map(([f]) => f));
      try {
        const r = (await h.run([run.check])).get(run.check)!;
        expect(r.status, explain(r)).toBe('fail');
        for (const [fault, rule, finding] of run.faults) {
          const said = (r.findings ?? []).filter((f) => f.rule === rule).map((f) => f.text).join('\n');
          expect(said, `${fault}: ${rule} findings\n${(r.findings ?? []).map((f) => `${f.rule}: ${f.text}`).join('\n')}`).toMatch(finding);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 240_000);
  }
});
