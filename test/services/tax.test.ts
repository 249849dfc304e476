import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTaxApp } from '../../sandbox/services/tax';
import { bearerFor, startHarness, type Harness } from './harness';
import { outboxRows, seedTx, seedUser, seedWallet } from './seed';

let h: Harness;
let app: Express;

beforeAll(async () => {
  h = await startHarness();
  app = createTaxApp(h.deps);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.pool.query('DELETE FROM "OutboxCommand"');
  await h.faults.set([]);
});

const fee = (amount: unknown) => request(app).post('/api/v1/fees/calculate').send(amount === undefined ? {} : { amount });

describe('#37 POST /api/v1/fees/calculate', () => {
  it('fee = amount × 10 / 10000 exactly, rounded half-up to 9 digits', async () => {
    const cases: [unknown, string][] = [
      ['100', '0.1'],
      [100, '0.1'],
      ['1', '0.001'],
      ['0.000000499', '0'],
      ['0.0000005', '0.000000001'],
      ['0.0000015', '0.000000002'],
      ['123456789012345678901234567.123456789', '123456789012345678901234.567123457'],
      [0.1, '0.0001'],
      ['1.000000001', '0.001'],
    ];
    for (const [amount, expected] of cases) {
      const res = await fee(amount);
      expect(res.status, String(amount)).toBe(200);
      expect(res.body).toEqual({ fee: expected });
    }
  });

  it('400 "amount must be a positive number" for missing, non-numeric, zero, negative, over-precise', async () => {
    for (const amount of [undefined, null, 'abc', 0, '0', -1, '-1', '1.0000000001', '1e5', true, [], {}, '1234567890123456789012345678']) {
      const res = await fee(amount);
      expect(res.status, JSON.stringify(amount)).toBe(400);
      expect(res.body).toMatchObject({ error: 'Bad Request', message: 'amount must be a positive number' });
    }
  });
});

describe('#38 POST /api/v1/velocity-tax/apply', () => {
  it('ADMIN or SUPER_ADMIN; APPLY_VELOCITY_TAX with string arguments; per-field 400s', async () => {
    const asUser = await bearerFor(h.config, 'u-1', 'USER');
    const asAdmin = await bearerFor(h.config, 'a-1', 'ADMIN');
    const apply = (auth: string, body: object) => request(app).post('/api/v1/velocity-tax/apply').set('Authorization', auth).send(body);
    expect((await request(app).post('/api/v1/velocity-tax/apply').send({})).status).toBe(401);
    const denied = await apply(asUser, { accountId: 'acct', taxRateBps: 10 });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Insufficient permissions to access this resource');
    expect((await apply(asAdmin, { taxRateBps: 10 })).body.message).toBe('accountId is required');
    expect((await apply(asAdmin, { accountId: 'acct' })).body.message).toBe('taxRateBps is required');
    for (const taxRateBps of [0, 10001, 1.5, '10']) expect((await apply(asAdmin, { accountId: 'acct', taxRateBps })).body.message).toBe('taxRateBps is invalid');
    expect((await apply(asAdmin, { accountId: ' acct', taxRateBps: 10 })).body.message).toBe('accountId is invalid');
    expect(await outboxRows(h.pool)).toHaveLength(0);
    const res = await apply(asAdmin, { accountId: 'acct', taxRateBps: 250 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Velocity tax application initiated.' });
    const [row] = await outboxRows(h.pool);
    expect(row).toMatchObject({ commandType: 'APPLY_VELOCITY_TAX', service: 'svc-tax', tenantId: 'default', payload: { accountId: 'acct', taxRateBps: '250' } });
    await h.faults.set(['role-not-enforced']);
    expect((await apply(asUser, { accountId: 'acct', taxRateBps: 10 })).status).toBe(202);
  });
});

describe('#39 GET /api/v1/velocity-tax/eligibility/:accountId', () => {
  it('evaluates TAX-1 from the read model and answers 200 for every well-formed id', async () => {
    const quiet = await seedUser(h.pool, { balance: '10' });
    const empty = await seedUser(h.pool, { balance: '0' });
    const busy = await seedUser(h.pool, { balance: '10' });
    await seedTx(h.pool, { walletId: busy.walletId, type: 'SENT', amount: '1', timestamp: new Date(Date.now() - 5 * 86_400_000) });
    const old = await seedUser(h.pool, { balance: '10' });
    await seedTx(h.pool, { walletId: old.walletId, type: 'SENT', amount: '1', timestamp: new Date(Date.now() - 40 * 86_400_000) });
    await seedWallet(h.pool, { profileId: 'treasury_UG', accountId: 'treasury_UG', balance: '1000' });
    const get = (id: string) => request(app).get(`/api/v1/velocity-tax/eligibility/${encodeURIComponent(id)}`);
    const expectations: [string, boolean][] = [[quiet.accountId, true], [old.accountId, true], [empty.accountId, false], [busy.accountId, false], ['treasury_UG', false], ['unknown-account', false]];
    for (const [id, eligible] of expectations) {
      const res = await get(id);
      expect(res.status, id).toBe(200);
      expect(res.body.eligible, id).toBe(eligible);
      expect(typeof res.body.reason).toBe('string');
      expect(res.body.reason.length).toBeGreaterThan(0);
    }
    const bad = await get('x'.repeat(129));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid accountId');
  });
});
