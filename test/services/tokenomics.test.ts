import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenomicsApp } from '../../sandbox/services/tokenomics';
import { bearerFor, startHarness, type Harness } from './harness';
import { outboxRows, seedTx, seedUser, seedWallet, type SeededUser } from './seed';

let h: Harness;
let app: Express;
let alice: SeededUser;
let bob: SeededUser;
let frozen: SeededUser;
let walletless: SeededUser;
let asAlice: string;
let asAdmin: string;
let asSuper: string;

beforeAll(async () => {
  h = await startHarness();
  app = createTokenomicsApp(h.deps);
  alice = await seedUser(h.pool, { balance: '100.5' });
  bob = await seedUser(h.pool, { balance: '0' });
  frozen = await seedUser(h.pool, { balance: '50', frozen: true });
  walletless = await seedUser(h.pool, { wallet: false });
  // A later second wallet must not count as alice's primary wallet (TOK-1).
  await seedWallet(h.pool, { profileId: alice.profileId, accountId: `${alice.profileId}-2`, balance: '999', createdAt: new Date(Date.now() + 60_000) });
  await seedWallet(h.pool, { profileId: 'treasury_KE', balance: '1000000.123456789' });
  asAlice = await bearerFor(h.config, alice.profileId, 'USER');
  asAdmin = await bearerFor(h.config, 'admin-x', 'ADMIN');
  asSuper = await bearerFor(h.config, 'super-x', 'SUPER_ADMIN');
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.pool.query('DELETE FROM "OutboxCommand"');
  await h.faults.set([]);
});

const transfer = (body: object, auth = asAlice) => request(app).post('/api/v1/transfers').set('Authorization', auth).send(body);

describe('#1 POST /api/v1/transfers', () => {
  it('202 with one TRANSFER_TOKENS row carrying exactly the §7.2 payload', async () => {
    const res = await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: '10.25', role: 'ADMIN' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Transfer initiated. Check status with command ID.' });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, service: 'svc-tokenomics', commandType: 'TRANSFER_TOKENS', status: 'PENDING', attempts: 0 });
    expect(rows[0].payload).toEqual({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: '10.25', remark: '' });
  });

  it('requires the three fields and a valid amount', async () => {
    for (const body of [{}, { fromUserId: alice.profileId, toUserId: bob.profileId }, { fromUserId: alice.profileId, toUserId: bob.profileId, amount: null }]) {
      const res = await transfer(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('fromUserId, toUserId, and amount are required');
    }
    for (const amount of [0, -1, '0', '-5', 'abc', '1e3', '+1', ' 1', '1.0000000001', true, '', 'NaN']) {
      const res = await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount });
      expect(res.status, JSON.stringify(amount)).toBe(400);
      expect(res.body.message).toBe('Amount must be greater than 0');
    }
    expect((await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: 1, remark: 'x'.repeat(257) })).body.message).toBe('remark is invalid');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('ownership, self-transfer, missing wallets, frozen sender, insufficient balance', async () => {
    const notMine = await transfer({ fromUserId: bob.profileId, toUserId: alice.profileId, amount: 1 });
    expect(notMine.status).toBe(403);
    expect(notMine.body.message).toBe('You can only transfer from your own wallet');
    expect((await transfer({ fromUserId: alice.profileId, toUserId: alice.profileId, amount: 1 })).body.message).toBe('Cannot transfer to yourself');
    const asWalletless = await bearerFor(h.config, walletless.profileId, 'USER');
    expect((await transfer({ fromUserId: walletless.profileId, toUserId: bob.profileId, amount: 1 }, asWalletless)).body.message).toBe('Sender wallet not found');
    expect((await transfer({ fromUserId: alice.profileId, toUserId: walletless.profileId, amount: 1 })).body.message).toBe('Receiver wallet not found');
    const asFrozen = await bearerFor(h.config, frozen.profileId, 'USER');
    expect((await transfer({ fromUserId: frozen.profileId, toUserId: bob.profileId, amount: 1 }, asFrozen)).body.message).toBe('Sender wallet is frozen');
    // 100.5 available; 100.5 + fee 0.1005 needed.
    const poor = await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: '100.5' });
    expect(poor.status).toBe(400);
    expect(poor.body.message).toBe('Insufficient balance. Available: 100.5, Required: 100.6005');
    // Exactly enough: 100.399600399 + fee 0.100399600 (rounded half-up) = 100.499999999 ≤ 100.5.
    expect((await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: '100.3996003996' })).status).toBe(400);
    expect((await transfer({ fromUserId: alice.profileId, toUserId: bob.profileId, amount: '100.399600399' })).status).toBe(202);
    expect(await outboxRows(h.pool)).toHaveLength(1);
  });

  it('fault validation-5xx lets a non-numeric amount reach the database: 500', async () => {
    const body = { fromUserId: alice.profileId, toUserId: bob.profileId, amount: 'lots' };
    expect((await transfer(body)).status).toBe(400);
    await h.faults.set(['validation-5xx']);
    const broken = await transfer(body);
    expect(broken.status).toBe(500);
    expect(broken.body).toMatchObject({ error: 'Internal Server Error', message: 'Internal server error' });
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#2 POST /api/v1/genesis', () => {
  const genesis = (body: object, auth = asSuper) => request(app).post('/api/v1/genesis').set('Authorization', auth).send(body);

  it('SUPER_ADMIN only; 202 with DISTRIBUTE_GENESIS payload', async () => {
    expect((await genesis({ userId: bob.profileId, userType: 'individual', countryCode: 'ke' }, asAdmin)).status).toBe(403);
    const res = await genesis({ userId: bob.profileId, userType: 'individual', countryCode: 'ke' });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Genesis distribution initiated. Check status with command ID.');
    const [row] = await outboxRows(h.pool);
    expect(row.payload).toEqual({ userId: bob.profileId, nationality: 'KE', userType: 'individual' });
  });

  it('errors in the listed order', async () => {
    expect((await genesis({ userId: bob.profileId })).body.message).toBe('userId, userType, and countryCode are required');
    expect((await genesis({ userId: bob.profileId, userType: 'alien', countryCode: 'KE' })).body.message).toBe('Invalid userType');
    expect((await genesis({ userId: bob.profileId, userType: 'business', countryCode: 'KEN' })).body.message).toBe('Invalid country code');
    expect((await genesis({ userId: 'nobody', userType: 'business', countryCode: 'KE' })).body.message).toBe('User not found');
    expect((await genesis({ userId: walletless.profileId, userType: 'business', countryCode: 'KE' })).body.message).toBe('User wallet not found');
    const w = await seedUser(h.pool);
    await seedTx(h.pool, { walletId: w.walletId, type: 'GENESIS', amount: '500', timestamp: new Date() });
    const again = await genesis({ userId: w.profileId, userType: 'individual', countryCode: 'KE' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Genesis already distributed for this user');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#3 and #4 balances', () => {
  it('#3 serves the primary wallet to its owner only; 404 without a wallet', async () => {
    const res = await request(app).get(`/api/v1/wallets/${alice.profileId}/balance`).set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.balance).toMatchObject({ walletId: alice.walletId, profileId: alice.profileId, balance: '100.5', isFrozen: false });
    expect(res.body.balance.updatedAt).toMatch(/\.\d{3}Z$/);
    const other = await request(app).get(`/api/v1/wallets/${bob.profileId}/balance`).set('Authorization', asAlice);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('You can only view your own balance');
    const unknown = await request(app).get('/api/v1/wallets/no-such-user/balance').set('Authorization', asAlice);
    expect(unknown.status).toBe(403);
    const asWalletless = await bearerFor(h.config, walletless.profileId, 'USER');
    const none = await request(app).get(`/api/v1/wallets/${walletless.profileId}/balance`).set('Authorization', asWalletless);
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('Wallet not found');
    expect((await request(app).get(`/api/v1/wallets/${alice.profileId}/balance`)).status).toBe(401);
  });

  it('fault ownership-skipped serves another user\'s balance', async () => {
    await h.faults.set(['ownership-skipped']);
    const res = await request(app).get(`/api/v1/wallets/${bob.profileId}/balance`).set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.balance.profileId).toBe(bob.profileId);
  });

  it('#4 is public, validates and upper-cases the country code, 404 for unknown treasuries', async () => {
    const res = await request(app).get('/api/v1/treasury/ke/balance');
    expect(res.status).toBe(200);
    expect(res.body.balance).toMatchObject({ countryCode: 'KE', balance: '1000000.123456789' });
    const bad = await request(app).get('/api/v1/treasury/KEN/balance');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid country code');
    const missing = await request(app).get('/api/v1/treasury/ZZ/balance');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Treasury wallet not found for country: ZZ');
  });
});

describe('#5 GET transactions', () => {
  it('pages newest first with offTxId tie-break; money and block numbers as strings', async () => {
    const u = await seedUser(h.pool, { balance: '5' });
    const t0 = new Date('2025-01-31T12:00:00.000Z');
    await seedTx(h.pool, { walletId: u.walletId, type: 'RECEIVED', amount: '1.5', timestamp: t0, offTxId: 'tx-a', blockNumber: '9007199254740993' });
    await seedTx(h.pool, { walletId: u.walletId, type: 'SENT', amount: '2', timestamp: t0, offTxId: 'tx-b', blockNumber: '12' });
    await seedTx(h.pool, { walletId: u.walletId, type: 'GENESIS', amount: '3', timestamp: new Date('2025-02-01T00:00:00.000Z'), offTxId: 'tx-c' });
    const auth = await bearerFor(h.config, u.profileId, 'USER');
    const all = await request(app).get(`/api/v1/wallets/${u.profileId}/transactions`).set('Authorization', auth);
    expect(all.status).toBe(200);
    expect(all.body.transactions.map((t: { offTxId: string }) => t.offTxId)).toEqual(['tx-c', 'tx-b', 'tx-a']);
    expect(all.body.transactions[2]).toMatchObject({ amount: '1.5', fee: '0', blockNumber: '9007199254740993', timestamp: '2025-01-31T12:00:00.000Z', type: 'RECEIVED' });
    expect(all.body.transactions[0].blockNumber).toBeNull();
    const page = await request(app).get(`/api/v1/wallets/${u.profileId}/transactions?limit=1&offset=1`).set('Authorization', auth);
    expect(page.body.transactions.map((t: { offTxId: string }) => t.offTxId)).toEqual(['tx-b']);
    for (const [q, msg] of [['limit=0', 'Invalid limit'], ['limit=101', 'Invalid limit'], ['limit=1.5', 'Invalid limit'], ['limit=abc', 'Invalid limit'], ['offset=-1', 'Invalid offset'], ['offset=2147483648', 'Invalid offset']]) {
      const res = await request(app).get(`/api/v1/wallets/${u.profileId}/transactions?${q}`).set('Authorization', auth);
      expect(res.status, q).toBe(400);
      expect(res.body.message).toBe(msg);
    }
    const other = await request(app).get(`/api/v1/wallets/${u.profileId}/transactions`).set('Authorization', asAlice);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('You can only view your own transactions');

    await h.faults.set(['bigint-500']);
    const broken = await request(app).get(`/api/v1/wallets/${u.profileId}/transactions`).set('Authorization', auth);
    expect(broken.status).toBe(500);
    expect(broken.body.message).toBe('Internal server error');
    const empty = await request(app).get(`/api/v1/wallets/${alice.profileId}/transactions`).set('Authorization', asAlice);
    expect(empty.status).toBe(200);
  });

  it('404 when the owner has no wallet', async () => {
    const asWalletless = await bearerFor(h.config, walletless.profileId, 'USER');
    const res = await request(app).get(`/api/v1/wallets/${walletless.profileId}/transactions`).set('Authorization', asWalletless);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Wallet not found');
  });
});

describe('#6 and #7 freeze / unfreeze', () => {
  it('ADMIN or SUPER_ADMIN; reason required; 404 unknown wallet; payload with the wallet\'s profile', async () => {
    const url = `/api/v1/wallets/${bob.walletId}/freeze`;
    expect((await request(app).post(url).set('Authorization', asAlice).send({ reason: 'x' })).status).toBe(403);
    const missing = await request(app).post(url).set('Authorization', asAdmin).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Reason is required');
    expect((await request(app).post(url).set('Authorization', asAdmin).send({ reason: '' })).body.message).toBe('reason is invalid');
    const unknown = await request(app).post('/api/v1/wallets/w-nope/freeze').set('Authorization', asAdmin).send({ reason: 'fraud' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Wallet not found');
    const res = await request(app).post(url).set('Authorization', asSuper).send({ reason: 'fraud' });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Wallet freeze initiated.');
    const un = await request(app).post(`/api/v1/wallets/${bob.walletId}/unfreeze`).set('Authorization', asAdmin);
    expect(un.status).toBe(202);
    expect(un.body.message).toBe('Wallet unfreeze initiated.');
    expect((await request(app).post('/api/v1/wallets/w-nope/unfreeze').set('Authorization', asAdmin)).status).toBe(404);
    const rows = await outboxRows(h.pool);
    expect(rows.map((r) => [r.commandType, r.payload])).toEqual([
      ['FREEZE_WALLET', { userId: bob.profileId, reason: 'fraud', walletId: bob.walletId }],
      ['UNFREEZE_WALLET', { userId: bob.profileId, walletId: bob.walletId }],
    ]);
  });

  it('fault role-not-enforced opens freeze to a USER', async () => {
    await h.faults.set(['role-not-enforced']);
    const res = await request(app).post(`/api/v1/wallets/${bob.walletId}/freeze`).set('Authorization', asAlice).send({ reason: 'oops' });
    expect(res.status).toBe(202);
  });
});
