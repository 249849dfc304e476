import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, commandRow, insertCommand, seedUser, startHarness, waitFor, waitForStatus, type WorkerHarness } from './helpers';
import type { StartedWorkers } from '../../sandbox/workers';

let h: WorkerHarness;
let workers: StartedWorkers;

beforeAll(async () => {
  h = await startHarness();
  workers = await h.startWorkers();
});
afterAll(async () => h?.stop());

describe('outbox → ledger → event → read model', () => {
  it('a transfer commits on the ledger and moves both balances with SENT/RECEIVED rows', async () => {
    const a = await seedUser(h, '1000');
    const b = await seedUser(h, '5');
    const id = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '100', remark: 'rent' });
    const row = await waitForStatus(h, id, ['COMMITTED', 'FAILED']);
    expect(row.status).toBe('COMMITTED');
    expect(row.attempts).toBe(1);
    expect(row.fabricTxId).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(row.commitBlock)).toBeGreaterThan(0);
    expect(row.lockedBy).toBeNull();
    expect(h.fabric.ledger.txStatus(row.fabricTxId!)).toBeTruthy();
    await waitFor(async () => (await balanceOf(h, b.walletId)) === '105.000000000', 5_000, 'receiver credit');
    expect(await balanceOf(h, a.walletId)).toBe('899.900000000'); // 1000 − 100 − fee 0.1
    const { rows } = await h.pool.query(`SELECT "onChainTxId", "type", "amount"::text, "fee"::text, "counterparty", "remark", "blockNumber"::text FROM "Transaction" WHERE "onChainTxId" LIKE $1 ORDER BY "onChainTxId"`, [`${row.fabricTxId}:%`]);
    expect(rows).toEqual([
      { onChainTxId: `${row.fabricTxId}:RECEIVED`, type: 'RECEIVED', amount: '100.000000000', fee: '0.000000000', counterparty: a.userId, remark: 'rent', blockNumber: row.commitBlock },
      { onChainTxId: `${row.fabricTxId}:SENT`, type: 'SENT', amount: '100.000000000', fee: '0.100000000', counterparty: b.userId, remark: 'rent', blockNumber: row.commitBlock },
    ]);
  });

  it('CREATE_USER projects a profile from the command payload plus its wallet', async () => {
    const userId = crypto.randomUUID();
    const id = await insertCommand(h, 'CREATE_USER', {
      userId, biometricHash: `bio-${userId}`, nationality: '', age: '30',
      email: `${userId}@example.test`, passwordHash: '$2a$10$abcdefghijklmnopqrstuv', firstName: 'Ada', lastName: 'Lovelace', phoneNum: null, identityNum: null,
    });
    expect((await waitForStatus(h, id, ['COMMITTED', 'FAILED'])).status).toBe('COMMITTED');
    const profile = await waitFor(async () => (await h.pool.query(`SELECT * FROM "UserProfile" WHERE "profileId" = $1`, [userId])).rows[0], 5_000, 'profile');
    expect(profile).toMatchObject({ email: `${userId}@example.test`, firstName: 'Ada', status: 'PENDING_VERIFICATION', role: 'USER', nationalityCountryCode: null });
    const wallet = await waitFor(async () => (await h.pool.query(`SELECT * FROM "Wallet" WHERE "profileId" = $1`, [userId])).rows[0], 5_000, 'wallet');
    expect(wallet).toMatchObject({ primaryAccountId: userId, cachedBalance: '0.000000000', isFrozen: false });
  });

  it('a poison command is retried with backoff, ends FAILED with attempts recorded, and does not block later rows', async () => {
    const a = await seedUser(h, '10');
    const b = await seedUser(h, '0');
    const poison = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '500', remark: '' });
    const later = await insertCommand(h, 'TRANSFER_TOKENS', { fromUserId: a.userId, toUserId: b.userId, amount: '1', remark: '' });
    expect((await waitForStatus(h, later, ['COMMITTED', 'FAILED'])).status).toBe('COMMITTED');
    const failed = await waitForStatus(h, poison, ['FAILED', 'COMMITTED'], 15_000);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 5, errorCode: 'ABORTED', lockedBy: null });
    expect(failed.error).toMatch(/Insufficient balance/);
  });
});
