import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StartedWorkers } from '../../sandbox/workers';
import { backoffMs } from '../../sandbox/workers/submitter/backoff';
import { CircuitBreaker } from '../../sandbox/workers/submitter/breaker';
import { claimBatch } from '../../sandbox/workers/submitter/claim';
import { COMMAND_MAP, toLedgerCall } from '../../sandbox/workers/submitter/mapping';
import { balanceOf, commandRow, insertCommand, seedUser, startHarness, waitFor, waitForStatus, type WorkerHarness } from './helpers';

let h: WorkerHarness;
let workers: StartedWorkers | undefined;

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h?.stop());
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  await h.faults.set([]);
  await h.pool.query(`UPDATE "OutboxCommand" SET "status" = 'FAILED' WHERE "status" NOT IN ('COMMITTED', 'FAILED')`);
});

async function burst(n: number) {
  const pairs = [];
  for (let i = 0; i < n; i++) pairs.push({ from: await seedUser(h, '100'), to: await seedUser(h, '0') });
  const ids = [];
  for (const p of pairs) ids.push(await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: p.from.userId, toUserId: p.to.userId, amount: '10', remark: '' }));
  return { pairs, ids };
}

describe('mapping (§7.2)', () => {
  it('maps every command type of the contract but the reserved one, arguments in table order from the payload keys', () => {
    expect(Object.keys(COMMAND_MAP)).toHaveLength(26);
    expect(toLedgerCall('INITIATE_MULTISIG_TX', { remark: '', amount: '5', toUserId: 't', initiatorId: 'i', orgId: 'o', pendingTxId: 'p' }))
      .toEqual({ fn: 'OrganizationContract:InitiateMultiSigTx', args: ['p', 'o', 'i', 't', '5', ''] });
    expect(toLedgerCall('CAST_VOTE', { proposalId: 'p', vote: 'true', voterId: 'v' }).fn).toBe('GovernanceContract:VoteOnProposal');
    expect(toLedgerCall('BOOTSTRAP_SYSTEM', {}).args).toEqual([]);
    expect(() => toLedgerCall('EXECUTE_MULTISIG_TX', {})).toThrow(/no ledger function/);
    expect(() => toLedgerCall('TRANSFER_TOKENS', { fromUserId: 'a', toUserId: 'b', amount: '1' })).toThrow(/remark/);
  });
});

describe('backoff and breaker units', () => {
  it('OUT-6: 1 s, 2 s, 4 s, 8 s capped at the maximum, jitter within bounds', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 60_000, 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(10, 1000, 60_000, 0)).toBe(60_000);
    for (let i = 0; i < 50; i++) {
      const d = backoffMs(2, 1000, 60_000, 0.2);
      expect(d).toBeGreaterThanOrEqual(1600);
      expect(d).toBeLessThanOrEqual(2400);
    }
  });

  it('OUT-9: opens at ≥ 50 % failures over ≥ 5 calls, half-opens after 30 s, closes on a good trial', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureRatio: 0.5, minCalls: 5, windowMs: 60_000, openMs: 30_000, now: () => now });
    b.record(false); b.record(false); b.record(true); b.record(false);
    expect(b.state).toBe('CLOSED'); // 4 calls: below the minimum
    b.record(true);
    expect(b.state).toBe('OPEN'); // 3 of 5 failed
    expect(b.allows()).toBe(false);
    now += 30_000;
    expect(b.state).toBe('HALF_OPEN');
    b.record(true);
    expect(b.snapshot()).toMatchObject({ state: 'CLOSED', openCount: 1, failures: 3, successes: 3 });
  });
});

describe('claiming (OUT-2..4)', () => {
  it('two claimers polling the same rows concurrently never get the same row, and attempts grow in the claim', async () => {
    const a = await seedUser(h, '1');
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await insertCommand(h, 'FREEZE_WALLET', { userId: a.userId, reason: 'x', walletId: a.walletId }));
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => claimBatch(h.pool, { tenantId: 'default', workerId: `w${i % 2}`, batchSize: 10 })));
    const claimed = claims.flat().map((r) => r.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(30);
    const { rows } = await h.pool.query(`SELECT "status", "attempts", "lockedBy" FROM "OutboxCommand" WHERE "id" = ANY($1)`, [ids]);
    expect(rows.every((r) => r.status === 'LOCKED' && r.attempts === 1 && r.lockedBy)).toBe(true);
  });

  it('a burst across 2 replicas: each row submitted once, balances exact', async () => {
    workers = await h.startWorkers({ submitterReplicas: 2 });
    const { pairs, ids } = await burst(20);
    for (const id of ids) expect((await waitForStatus(h, id, ['COMMITTED', 'FAILED'], 20_000)).status).toBe('COMMITTED');
    for (const p of pairs) await waitFor(async () => (await balanceOf(h, p.to.walletId)) === '10.000000000', 5_000, 'credit');
    for (const p of pairs) expect(await balanceOf(h, p.from.walletId)).toBe('89.990000000');
    const succeeded = await Promise.all(workers.submitters.map(async (s) => (await s.metrics.processed.get()).values.find((v) => v.labels.status === 'success')?.value ?? 0));
    expect(succeeded.reduce((x, y) => x + y, 0)).toBe(20);
  });

  // End to end (one ledger transaction per row, balances) the fault is proven by RT-EXACTLY-ONCE in
  // test/roundtrip/submitter.test.ts; here, deterministically, the claim itself stops being exclusive.
  it('fault submitter-double-claim: two replicas claim the same rows', async () => {
    const a = await seedUser(h, '1');
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await insertCommand(h, 'FREEZE_WALLET', { userId: a.userId, reason: 'x', walletId: a.walletId }));
    await h.faults.set(['submitter-double-claim']);
    const first = await claimBatch(h.pool, { tenantId: 'default', workerId: 'w0', batchSize: 10, faults: h.faults });
    const second = await claimBatch(h.pool, { tenantId: 'default', workerId: 'w1', batchSize: 10, faults: h.faults });
    const both = first.map((r) => r.id).filter((id) => second.some((r) => r.id === id));
    expect(both.sort()).toEqual([...ids].sort());
    const { rows } = await h.pool.query(`SELECT "attempts" FROM "OutboxCommand" WHERE "id" = ANY($1)`, [ids]);
    expect(rows.every((r) => r.attempts === 2)).toBe(true);
  });
});

describe('retries (OUT-5..8, OUT-10)', () => {
  it('backs off between attempts; fault submitter-no-backoff retries at once', async () => {
    workers = await h.startWorkers({ retryBaseMs: 200, retryMaxMs: 2_000 });
    const a = await seedUser(h, '1');
    const b = await seedUser(h, '0');
    const started = Date.now();
    const id = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '50', remark: '' });
    const row = await waitForStatus(h, id, ['FAILED'], 15_000);
    const clean = Date.now() - started;
    expect(row.attempts).toBe(5);
    expect(clean).toBeGreaterThanOrEqual((200 + 400 + 800 + 1600) * 0.8);

    await h.faults.set(['submitter-no-backoff']);
    const started2 = Date.now();
    const id2 = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '50', remark: '' });
    expect((await waitForStatus(h, id2, ['FAILED'], 15_000)).attempts).toBe(5);
    expect(Date.now() - started2).toBeLessThan(1_500);
  });

  it('fault submitter-wrong-function: TRANSFER_TOKENS never commits', async () => {
    await h.faults.set(['submitter-wrong-function']);
    workers = await h.startWorkers({ maxRetries: 2 });
    const a = await seedUser(h, '100');
    const b = await seedUser(h, '0');
    const id = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '1', remark: '' });
    const row = await waitForStatus(h, id, ['FAILED', 'COMMITTED'], 10_000);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 2, errorCode: 'ABORTED' });
    expect(row.error).toMatch(/function that does not exist: TokenomicsContract:Transfer/);
    const freeze = await insertCommand(h, 'FREEZE_WALLET', { userId: a.userId, reason: 'x', walletId: a.walletId });
    expect((await waitForStatus(h, freeze, ['FAILED', 'COMMITTED'])).status).toBe('COMMITTED'); // only the one mapping is wrong
  });

  it('a row locked past LOCK_TIMEOUT with a committed fabricTxId is resolved COMMITTED from the ledger, one without a txId counts as a failed attempt', async () => {
    const a = await seedUser(h, '1');
    const stale = await insertCommand(h, 'FREEZE_WALLET', { userId: a.userId, reason: 'x', walletId: a.walletId });
    await h.pool.query(`UPDATE "OutboxCommand" SET "status" = 'LOCKED', "attempts" = 1, "lockedBy" = 'dead-worker', "lockedAt" = now() - interval '1 hour' WHERE "id" = $1`, [stale]);
    workers = await h.startWorkers({ lockTimeoutMs: 1_000 });
    const row = await waitForStatus(h, stale, ['PENDING', 'COMMITTED', 'FAILED']);
    expect(row.errorCode === 'LOCK_TIMEOUT' || row.status === 'COMMITTED').toBe(true);
    expect((await waitForStatus(h, stale, ['COMMITTED', 'FAILED'], 10_000)).attempts).toBe(2);
    expect((await commandRow(h, stale)).status).toBe('COMMITTED');
  });
});

describe('/health and /metrics (WRK-1, WRK-3, §10)', () => {
  it('serves the WRK-1 document, the metric names, and 404 E1 for anything else', async () => {
    workers = await h.startWorkers();
    const url = workers.submitterUrls[0];
    await waitFor(async () => (await fetch(`${url}/health`)).status === 200, 5_000, 'healthy');
    const health = await (await fetch(`${url}/health?x=1`)).json();
    expect(health).toMatchObject({ status: 'healthy', fabricCircuitBreaker: { state: 'CLOSED', successes: expect.any(Number), failures: expect.any(Number), openCount: 0 }, queueDepth: expect.any(Number) });
    const a = await seedUser(h, '1');
    await waitForStatus(h, await insertCommand(h, 'FREEZE_WALLET', { userId: a.userId, reason: 'x', walletId: a.walletId }), ['COMMITTED']);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const name of ['outbox_queue_depth', 'outbox_commands_processed_total', 'fabric_submit_duration_seconds']) expect(metrics).toContain(`# TYPE ${name}`);
    const notFound = await fetch(`${url}/nope`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: 'Not Found', message: 'Route GET /nope not found' });
    expect((await fetch(`${url}/health`, { method: 'POST' })).status).toBe(404);
  });
});
