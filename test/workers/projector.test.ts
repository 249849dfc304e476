import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StartedWorkers } from '../../sandbox/workers';
import { applyEvent } from '../../sandbox/workers/projector/apply';
import { HANDLERS } from '../../sandbox/workers/projector/handlers';
import { balanceOf, insertCommand, projectorState, seedUser, startHarness, uid, waitFor, waitForStatus, type WorkerHarness } from './helpers';

let h: WorkerHarness;
let workers: StartedWorkers | undefined;

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h?.stop());
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  await h.faults.set([]);
});

const key = { tenantId: 'default', channel: 'gxchannel' };
const opts = () => ({ pool: h.pool, key, faults: h.faults, killed: () => false });
const event = (name: string, payload: unknown, block: bigint, index: number, txId = uid('tx')) =>
  ({ name, payload: Buffer.from(JSON.stringify(payload)), txId, block, index, receivedAt: Date.now() });

async function transfer(from: string, to: string, amount: string) {
  const id = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: from, toUserId: to, amount, remark: '' });
  return waitForStatus(h, id, ['COMMITTED', 'FAILED']);
}

describe('handlers (§8.2) against Postgres', () => {
  it('covers the whole event catalog', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([
      'AdminAppointed', 'AuthRuleDefined', 'CountryDataInitialized', 'GenesisDistributed', 'KYCSubmitted', 'LoanApplicationReceived', 'LoanApproved',
      'MembershipEndorsed', 'MultiSigTxApproved', 'MultiSigTxExecuted', 'MultiSigTxInitiated', 'OrganizationActivated', 'OrganizationProposed',
      'ProposalExecuted', 'ProposalSubmitted', 'SystemBootstrapped', 'SystemParameterUpdated', 'SystemPaused', 'SystemResumed', 'TransferCompleted',
      'TreasuryActivated', 'UserCreated', 'UserProfileUpdated', 'VelocityTaxApplied', 'VoteCast', 'WalletCreated', 'WalletFrozen', 'WalletUnfrozen',
    ]);
  });

  it('replaying an event changes nothing (idempotent on natural keys); unknown names only advance the checkpoint', async () => {
    const a = await seedUser(h, '100');
    const b = await seedUser(h, '0');
    const loanId = uid('loan');
    const events = [
      event('TransferCompleted', { fromUserId: a.userId, toUserId: b.userId, amount: '10', fee: '0.01', remark: 'x', timestamp: '2025-01-02T03:04:05.000Z' }, 900n, 0),
      event('LoanApplicationReceived', { loanId, borrowerId: b.userId, amount: '7', collateralHash: 'h' }, 900n, 1),
      event('LoanApproved', { loanId, approvedBy: a.userId, borrowerId: b.userId, amount: '7' }, 900n, 2),
      event('VoteCast', { proposalId: 'none', voterId: a.userId, support: true }, 900n, 3),
    ];
    for (const e of events.slice(0, 3)) expect(await applyEvent(e, opts())).toBe('applied');
    const snapshot = async () => ({
      a: await balanceOf(h, a.walletId), b: await balanceOf(h, b.walletId),
      tx: (await h.pool.query(`SELECT count(*)::int AS n FROM "Transaction" WHERE "walletId" IN ($1, $2)`, [a.walletId, b.walletId])).rows[0].n,
      loan: (await h.pool.query(`SELECT "status", "approvedBy" FROM "Loan" WHERE "loanId" = $1`, [loanId])).rows[0],
    });
    const once = await snapshot();
    expect(once).toEqual({ a: '89.990000000', b: '17.000000000', tx: 3, loan: { status: 'ACTIVE', approvedBy: a.userId } });
    const sent = (await h.pool.query(`SELECT "timestamp" FROM "Transaction" WHERE "onChainTxId" = $1`, [`${events[0].txId}:SENT`])).rows[0];
    expect(sent.timestamp.toISOString()).toBe('2025-01-02T03:04:05.000Z'); // PROJ-7
    for (const e of events.slice(0, 3)) await applyEvent(e, opts());
    expect(await snapshot()).toEqual(once);
    // A failing event (VoteCast on an unknown proposal) throws and leaves the checkpoint where it was (PROJ-5).
    await expect(applyEvent(events[3], opts())).rejects.toThrow(/No proposal/);
    expect(await projectorState(h)).toMatchObject({ lastBlock: '900', lastEventIndex: 2 });
    expect(await applyEvent(event('SomethingNew', {}, 900n, 4), opts())).toBe('ignored');
    expect(await projectorState(h)).toMatchObject({ lastBlock: '900', lastEventIndex: 4 });
    await expect(applyEvent(event('TransferCompleted', { fromUserId: a.userId }, 901n, 0), opts())).rejects.toThrow(/toUserId/);
  });

  it('fault projector-status-casing writes Active / pending_approval', async () => {
    await h.faults.set(['projector-status-casing']);
    const b = await seedUser(h, '0');
    const loanId = uid('loan');
    await applyEvent(event('LoanApplicationReceived', { loanId, borrowerId: b.userId, amount: '7', collateralHash: 'h' }, 902n, 0), opts());
    expect((await h.pool.query(`SELECT "status" FROM "Loan" WHERE "loanId" = $1`, [loanId])).rows[0].status).toBe('pending_approval');
    const orgId = uid('org');
    await applyEvent(event('OrganizationProposed', { orgId, orgName: 'O', orgType: 'NGO', stakeholderIds: [b.userId] }, 902n, 1), opts());
    await applyEvent(event('OrganizationActivated', { orgId }, 902n, 2), opts());
    expect((await h.pool.query(`SELECT "status" FROM "Organization" WHERE "orgId" = $1`, [orgId])).rows[0].status).toBe('Active');
  });
});

describe('projector on the ledger', () => {
  it('applies in order, heartbeats every second, resumes after a kill at the exact next event', async () => {
    await h.pool.query(`DELETE FROM "ProjectorState"`);
    workers = await h.startWorkers();
    const a = await seedUser(h, '1000');
    const b = await seedUser(h, '0');
    const rows = [];
    for (let i = 0; i < 6; i++) rows.push(await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '1', remark: `${i}` }));
    await new Promise((r) => setTimeout(r, 60));
    await workers.restartProjector(); // mid-stream
    for (const id of rows) await waitForStatus(h, id, ['COMMITTED', 'FAILED'], 20_000);
    const committed = (await h.pool.query(`SELECT count(*)::int AS n FROM "OutboxCommand" WHERE "id" = ANY($1) AND "status" = 'COMMITTED'`, [rows])).rows[0].n;
    const expected = (committed).toFixed(9);
    await waitFor(async () => (await balanceOf(h, b.walletId)) === expected, 5_000, `receiver at ${expected}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(await balanceOf(h, b.walletId)).toBe(expected);
    const state = await projectorState(h);
    expect(Date.now() - state.heartbeatAt!.getTime()).toBeLessThan(2_500);
    expect(state.lagMs).toBe(0);
    const health = await (await fetch(`${workers.projectorUrl}/health`)).json();
    expect(health).toMatchObject({ status: 'healthy', lastProcessedBlock: state.lastBlock, lastEventIndex: state.lastEventIndex, lagMs: 0 });
    const metrics = await (await fetch(`${workers.projectorUrl}/metrics`)).text();
    for (const name of ['projector_lag_ms', 'projector_events_processed_total', 'projector_last_block']) expect(metrics).toContain(`# TYPE ${name}`);
    // measured lag, arrival → applied
    const lags = workers.projector().applyLatencies;
    console.log(`projector apply lag ms: n=${lags.length} max=${Math.max(...lags)} p50=${[...lags].sort((x, y) => x - y)[Math.floor(lags.length / 2)]}`);
  });

  it('fault projector-double-apply: a restart replays the checkpoint block and its balance changes land twice', async () => {
    workers = await h.startWorkers();
    const a = await seedUser(h, '1000');
    const b = await seedUser(h, '0');
    await transfer(a.userId, b.userId, '3');
    await waitFor(async () => (await balanceOf(h, b.walletId)) === '3.000000000', 5_000, 'credit');
    await h.faults.set(['projector-double-apply']);
    await workers.restartProjector();
    await waitFor(async () => (await balanceOf(h, b.walletId)) === '6.000000000', 5_000, 'double credit');
  });

  it('fault projector-skip-validation-drop: a transfer is skipped past and its effect lost; the next event still applies', async () => {
    workers = await h.startWorkers();
    await h.faults.set(['projector-skip-validation-drop']);
    const a = await seedUser(h, '1000');
    const b = await seedUser(h, '0');
    expect((await transfer(a.userId, b.userId, '5')).status).toBe('COMMITTED');
    const freeze = await insertCommand(h, 'FREEZE_WALLET', { userId: b.userId, reason: 'x', walletId: b.walletId });
    await waitForStatus(h, freeze, ['COMMITTED']);
    await waitFor(async () => (await h.pool.query(`SELECT "isFrozen" FROM "Wallet" WHERE "walletId" = $1`, [b.walletId])).rows[0].isFrozen, 5_000, 'freeze');
    expect(await balanceOf(h, b.walletId)).toBe('0.000000000');
  });

  it('fault projector-stall: heartbeat stays fresh, lag grows, /health answers 503', async () => {
    workers = await h.startWorkers({ projectionLagThresholdMs: 500 });
    await h.faults.set(['projector-stall']);
    const a = await seedUser(h, '1000');
    const b = await seedUser(h, '0');
    expect((await transfer(a.userId, b.userId, '2')).status).toBe('COMMITTED');
    const res = await waitFor(async () => {
      const r = await fetch(`${workers!.projectorUrl}/health`);
      return r.status === 503 ? r : undefined;
    }, 5_000, '503');
    expect(await res.json()).toMatchObject({ status: 'unhealthy' });
    await waitFor(async () => (await projectorState(h)).lagMs > 500, 3_000, 'lag in ProjectorState');
    expect(Date.now() - (await projectorState(h)).heartbeatAt!.getTime()).toBeLessThan(2_500);
    expect(await balanceOf(h, b.walletId)).toBe('0.000000000');
    await h.faults.set([]);
    await waitFor(async () => (await balanceOf(h, b.walletId)) === '2.000000000', 5_000, 'applied after the stall');
  });

  it('fault projector-checkpoint-early: the checkpoint is ahead of the effect while it is being applied', async () => {
    await h.faults.set(['projector-checkpoint-early']);
    const a = await seedUser(h, '100');
    const b = await seedUser(h, '0');
    // killed() is asked after every statement: the 3rd ask is the first statement of the effect,
    // i.e. a crash while the effect runs (with the fault the checkpoint transaction already committed).
    let asks = 0;
    const e = event('TransferCompleted', { fromUserId: a.userId, toUserId: b.userId, amount: '1', fee: '0.001', remark: '' }, 950n, 0);
    // A crash during the effect: with the fault the checkpoint already moved, so the event is lost for good.
    await expect(applyEvent(e, { ...opts(), killed: () => ++asks >= 3 })).rejects.toThrow(/killed/);
    expect(await projectorState(h)).toMatchObject({ lastBlock: '950', lastEventIndex: 0 });
    expect(await balanceOf(h, b.walletId)).toBe('0.000000000');
    await h.faults.set([]);
    asks = 0;
    const e2 = event('TransferCompleted', { fromUserId: a.userId, toUserId: b.userId, amount: '1', fee: '0.001', remark: '' }, 951n, 0);
    await expect(applyEvent(e2, { ...opts(), killed: () => ++asks >= 2 })).rejects.toThrow(/killed/);
    expect(await projectorState(h)).toMatchObject({ lastBlock: '950', lastEventIndex: 0 }); // clean: effect and checkpoint roll back together
  });
});
