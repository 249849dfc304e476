import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServiceApp, ok } from '../../sandbox/services/kit';
import { createTaxApp } from '../../sandbox/services/tax';
import { bearerFor, startHarness, type Harness } from './harness';
import { outboxRows } from './seed';

let h: Harness;
let tax: Express;
let admin: string;
let admin2: string;
let release: () => void = () => undefined;
let slow: Express;

const KEY = 'key-0123456789abcdef';
const body = { accountId: 'acct-1', taxRateBps: 100 };
const apply = (key?: string, payload: object = body, auth = admin) => {
  const req = request(tax).post('/api/v1/velocity-tax/apply').set('Authorization', auth);
  return (key === undefined ? req : req.set('X-Idempotency-Key', key)).send(payload);
};

beforeAll(async () => {
  h = await startHarness();
  tax = createTaxApp(h.deps);
  admin = await bearerFor(h.config, 'admin-1', 'ADMIN');
  admin2 = await bearerFor(h.config, 'admin-2', 'ADMIN');
  slow = createServiceApp('tax', h.deps, (r) => {
    r.add({ method: 'post', path: '/api/v1/slow', access: 'public', handler: async () => { await new Promise<void>((res) => { release = res; }); return ok({ done: true }); } });
  }).app;
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.pool.query('DELETE FROM "OutboxCommand"');
  await h.redis.flushdb();
  await h.faults.set([]);
});

describe('commands and the outbox', () => {
  it('202 after exactly one PENDING row with the §7.2 payload; unknown fields dropped', async () => {
    const res = await apply(undefined, { ...body, extra: 'x', status: 'COMMITTED' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Velocity tax application initiated.' });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, tenantId: 'default', service: 'svc-tax', commandType: 'APPLY_VELOCITY_TAX', status: 'PENDING', attempts: 0 });
    expect(rows[0].payload).toEqual({ accountId: 'acct-1', taxRateBps: '100' });
    expect(rows[0].id).toMatch(/^[a-z0-9]{20,32}$/);
  });

  it('fault mass-assignment stores unknown fields in the payload', async () => {
    await h.faults.set(['mass-assignment']);
    expect((await apply(undefined, { ...body, isAdmin: true })).status).toBe(202);
    const [row] = await outboxRows(h.pool);
    expect(row.payload).toMatchObject({ accountId: 'acct-1', taxRateBps: '100', isAdmin: true });
  });

  it('rejected requests write nothing', async () => {
    expect((await apply(undefined, { accountId: 'acct-1', taxRateBps: 0 })).status).toBe(400);
    expect((await apply(undefined, { taxRateBps: 5 })).body.message).toBe('accountId is required');
    expect((await apply(undefined, { accountId: 'a', taxRateBps: '5' })).body.message).toBe('taxRateBps is invalid');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('idempotency (IDEM-1..8)', () => {
  it('replays a completed request with the same status and body and writes nothing new', async () => {
    const first = await apply(KEY);
    const second = await apply(KEY, { taxRateBps: 100, accountId: 'acct-1' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0].requestId).toMatch(/^idem-[0-9a-f]{64}$/);
  });

  it('a different body or path with the same key → 422; another caller with the same key is independent', async () => {
    await apply(KEY);
    const changed = await apply(KEY, { ...body, taxRateBps: 200 });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ error: 'Unprocessable Entity', message: 'Idempotency key reused with a different request' });
    const other = await apply(KEY, body, admin2);
    expect(other.status).toBe(202);
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(2);
    expect(rows[0].requestId).not.toBe(rows[1].requestId);
  });

  it('in progress → 409, and the key is usable after completion', async () => {
    const first = request(slow).post('/api/v1/slow').set('X-Idempotency-Key', KEY).send({}).then((r) => r);
    for (let i = 0; i < 50 && (await h.redis.dbsize()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const during = await request(slow).post('/api/v1/slow').set('X-Idempotency-Key', KEY).send({});
    expect(during.status).toBe(409);
    expect(during.body.message).toBe('A request with this idempotency key is in progress');
    release();
    expect((await first).status).toBe(200);
    const replay = await request(slow).post('/api/v1/slow').set('X-Idempotency-Key', KEY).send({});
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('rejects malformed keys with 400; only 2xx are recorded', async () => {
    for (const bad of ['short', 'x'.repeat(129), 'has space in it 123']) {
      const res = await apply(bad);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('X-Idempotency-Key must be 16 to 128 visible ASCII characters');
    }
    const failed = await apply(KEY, { accountId: 'acct-1', taxRateBps: 0 });
    expect(failed.status).toBe(400);
    expect(await h.redis.dbsize()).toBe(0);
    expect((await apply(KEY)).status).toBe(202);
    expect(await outboxRows(h.pool)).toHaveLength(1);
  });

  it('fault idempotency-off ignores the header: a replay inserts a second row', async () => {
    await h.faults.set(['idempotency-off']);
    expect((await apply(KEY)).status).toBe(202);
    expect((await apply(KEY)).status).toBe(202);
    expect(await outboxRows(h.pool)).toHaveLength(2);
  });

  it('ENABLE_IDEMPOTENCY=false ignores the header too', async () => {
    const off = createTaxApp({ ...h.deps, config: { ...h.config, enableIdempotency: false } });
    const send = () => request(off).post('/api/v1/velocity-tax/apply').set('Authorization', admin).set('X-Idempotency-Key', 'bad').send(body);
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    expect(await outboxRows(h.pool)).toHaveLength(2);
  });
});
