import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';
import { redWithFault } from './red-with-fault';

/**
 * Checks that need the whole write path (ledger emulator, submitters, projector) on one sandbox:
 * worker endpoints (§9–§10) and replay per handler across projector restarts (PROJ-3, PROJ-4).
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

describe('worker endpoints and replay per handler', () => {
  it('stay green on a correct target', async () => {
    const ids = [...new Set(CASES.map(([, id]) => id))];
    const results = await h.run(ids);
    for (const id of ids) expect(results.get(id)?.status, `${explain(results.get(id))}\n${(results.get(id)?.findings ?? []).map((f) => f.text).join('\n')}`).toBe('pass');
  }, 240_000);
  redWithFault(() => h, CASES.map(([fault, id, finding]) => [fault, [id], finding] as const), { timeoutMs: 240_000 });
});
