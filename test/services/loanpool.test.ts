import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLoanpoolApp } from '../../sandbox/services/loanpool';
import { bearerFor, jsonPoster, startHarness, type Harness } from './harness';
import { outboxRows, seedUser } from './seed';
import { clearDomain, seedLoan } from './domain-seed';

let h: Harness;
let app: Express;
let a: string;
let b: string;
let tokA: string;
let tokB: string;
let tokAdmin: string;
let tokSuper: string;
const LOAN = 'loan-a-1';
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const post = jsonPoster(() => app);
const get = (path: string, token: string, requestId?: string) => {
  const req = request(app).get(path).set('Authorization', token);
  return requestId === undefined ? req : req.set('X-Request-Id', requestId);
};

beforeAll(async () => {
  h = await startHarness();
  app = createLoanpoolApp(h.deps);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await clearDomain(h.pool);
  await h.redis.flushdb();
  await h.faults.set([]);
  [a, b] = (await Promise.all([seedUser(h.pool), seedUser(h.pool)])).map((u) => u.profileId);
  [tokA, tokB, tokAdmin, tokSuper] = await Promise.all([
    bearerFor(h.config, a, 'USER'), bearerFor(h.config, b, 'USER'),
    bearerFor(h.config, 'admin-1', 'ADMIN'), bearerFor(h.config, 'super-1', 'SUPER_ADMIN'),
  ]);
  await seedLoan(h.pool, { loanId: LOAN, borrowerId: a, amount: '250.5' });
});

describe('#16 POST /api/v1/loans', () => {
  it('202 with a loan-<borrowerId>-<suffix> id; one APPLY_FOR_LOAN row with exactly the §7.2 keys', async () => {
    const res = await post('/api/v1/loans', tokA, { borrowerId: a, amount: '10.250', collateralHash: 'h1', purpose: 'dropped' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      commandId: expect.any(String), loanId: expect.stringMatching(new RegExp(`^loan-${a}-[a-z0-9]+$`)),
      message: 'Loan application submitted. Pending approval.',
    });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, service: 'svc-loanpool', commandType: 'APPLY_FOR_LOAN', tenantId: 'default', status: 'PENDING' });
    expect(rows[0].payload).toEqual({ loanId: res.body.loanId, borrowerId: a, amount: '10.25', collateralHash: 'h1' });
  });

  it.each([
    ['no collateralHash', { amount: '1' }, 'borrowerId, amount, and collateralHash are required'],
    ['a null amount', { amount: null, collateralHash: 'h' }, 'borrowerId, amount, and collateralHash are required'],
    ['a negative amount', { amount: '-1', collateralHash: 'h' }, 'Amount must be greater than 0'],
    ['a boolean amount', { amount: true, collateralHash: 'h' }, 'Amount must be greater than 0'],
    ['ten fraction digits', { amount: '1.0000000001', collateralHash: 'h' }, 'Amount must be greater than 0'],
    ['an empty collateralHash', { amount: '1', collateralHash: '' }, 'collateralHash is invalid'],
    ['a collateralHash over 128', { amount: '1', collateralHash: 'h'.repeat(129) }, 'collateralHash is invalid'],
  ])('400 for %s, nothing written', async (_name, partial, message) => {
    const res = await post('/api/v1/loans', tokA, { borrowerId: a, ...partial });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('403 for a loan on behalf of someone else', async () => {
    const res = await post('/api/v1/loans', tokB, { borrowerId: a, amount: '1', collateralHash: 'h' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'Forbidden', message: 'You can only apply for loans for yourself', requestId: expect.any(String) });
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('400 "Borrower not found" for a caller without a profile; 403 "Account is inactive" for a deleted one (SEC-JWT-2)', async () => {
    const gone = await seedUser(h.pool, { deleted: true });
    const apply = async (id: string) => post('/api/v1/loans', await bearerFor(h.config, id, 'USER'), { borrowerId: id, amount: '1', collateralHash: 'h' });
    const missing = await apply('no-such-user');
    expect([missing.status, missing.body.message]).toEqual([400, 'Borrower not found']);
    const deleted = await apply(gone.profileId);
    expect([deleted.status, deleted.body.message]).toEqual([403, 'Account is inactive']);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('idempotency and identity of the app', () => {
  it('a replay of #16 with the same key answers the original loanId and writes no second row', async () => {
    const send = () => post('/api/v1/loans', tokA, { borrowerId: a, amount: '5', collateralHash: 'h' }).set('X-Idempotency-Key', 'loan-key-0123456789');
    const first = await send();
    const again = await send();
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await outboxRows(h.pool)).toHaveLength(1);
  });

  it('serves /health as svc-loanpool', async () => {
    const res = await request(app).get('/health');
    expect(res.body).toMatchObject({ status: 'ok', service: 'svc-loanpool' });
  });
});

describe('#17 POST /api/v1/loans/:loanId/approve', () => {
  it('202 for ADMIN and SUPER_ADMIN with the caller as approver', async () => {
    const one = await post(`/api/v1/loans/${LOAN}/approve`, tokAdmin);
    const two = await post(`/api/v1/loans/${LOAN}/approve`, tokSuper, { ignored: true });
    expect([one.status, two.status]).toEqual([202, 202]);
    expect(one.body).toEqual({ commandId: expect.any(String), message: 'Loan approval initiated.' });
    expect((await outboxRows(h.pool, 'APPROVE_LOAN')).map((r) => r.payload)).toEqual([
      { loanId: LOAN, approverId: 'admin-1' }, { loanId: LOAN, approverId: 'super-1' },
    ]);
  });

  it('403 for USER and PARTNER_API, nothing written', async () => {
    const partner = await bearerFor(h.config, 'partner-1', 'PARTNER_API');
    for (const token of [tokA, partner]) {
      const res = await post(`/api/v1/loans/${LOAN}/approve`, token);
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Insufficient permissions to access this resource');
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('fault role-not-enforced: a USER gets 202', async () => {
    await h.faults.set(['role-not-enforced']);
    const res = await post(`/api/v1/loans/${LOAN}/approve`, tokA);
    expect(res.status).toBe(202);
    expect((await outboxRows(h.pool, 'APPROVE_LOAN')).map((r) => r.payload)).toEqual([{ loanId: LOAN, approverId: a }]);
  });

  it('404 for an unknown loan, also one of another tenant', async () => {
    await seedLoan(h.pool, { loanId: 'loan-t2', borrowerId: a, tenantId: 't2' });
    for (const id of ['loan-missing', 'loan-t2']) {
      const res = await post(`/api/v1/loans/${id}/approve`, tokAdmin);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Loan not found');
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('400 with the current status for a loan that is not PENDING_APPROVAL', async () => {
    await seedLoan(h.pool, { loanId: 'loan-active', borrowerId: a, status: 'ACTIVE' });
    const res = await post('/api/v1/loans/loan-active/approve', tokAdmin);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Loan cannot be approved. Current status: ACTIVE');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#18 GET /api/v1/users/:borrowerId/loans', () => {
  it('200 with the caller\'s loans as LoanDTO, newest appliedAt first', async () => {
    const now = Date.now();
    await seedLoan(h.pool, { loanId: 'loan-a-old', borrowerId: a, appliedAt: new Date(now - 86_400_000), status: 'ACTIVE', approvedAt: new Date(now - 3_600_000), collateralHash: null });
    await seedLoan(h.pool, { loanId: 'loan-b-1', borrowerId: b });
    const res = await get(`/api/v1/users/${a}/loans`, tokA);
    expect(res.status).toBe(200);
    expect(res.body.loans.map((l: { loanId: string }) => l.loanId)).toEqual([LOAN, 'loan-a-old']);
    const [fresh, old] = res.body.loans;
    expect(fresh).toMatchObject({ loanId: LOAN, borrowerId: a, amount: '250.5', status: 'PENDING_APPROVAL', collateralHash: 'hash-1', approvedAt: null });
    expect(fresh.appliedAt).toMatch(ISO_MS);
    expect(old).toMatchObject({ collateralHash: '', status: 'ACTIVE' });
    expect(old.approvedAt).toMatch(ISO_MS);
  });

  it('200 with an empty list for a borrower without loans', async () => {
    const res = await get(`/api/v1/users/${b}/loans`, tokB);
    expect(res.body).toEqual({ loans: [] });
  });

  it('403 for another user\'s loans, whether or not that user exists (AUTHZ-2)', async () => {
    for (const id of [a, 'no-such-user']) {
      const res = await get(`/api/v1/users/${id}/loans`, tokB);
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('You can only view your own loans');
    }
  });
});

describe('#19 GET /api/v1/loans/:loanId', () => {
  it('200 with the borrower\'s own loan', async () => {
    const res = await get(`/api/v1/loans/${LOAN}`, tokA);
    expect(res.status).toBe(200);
    expect(res.body.loan).toMatchObject({ loanId: LOAN, borrowerId: a, amount: '250.5', status: 'PENDING_APPROVAL', approvedAt: null });
  });

  it('another user\'s loan answers byte-identically to an unknown loan', async () => {
    const theirs = await get(`/api/v1/loans/${LOAN}`, tokB, 'same-request-id');
    const unknown = await get('/api/v1/loans/loan-missing', tokB, 'same-request-id');
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(theirs.text).toBe(unknown.text);
    expect(theirs.body).toEqual({ error: 'Not Found', message: 'Loan not found', requestId: 'same-request-id' });
  });

  it('fault existence-leak: 403 for another user\'s existing loan, still 404 for an unknown one', async () => {
    await h.faults.set(['existence-leak']);
    const theirs = await get(`/api/v1/loans/${LOAN}`, tokB);
    expect(theirs.status).toBe(403);
    expect((await get('/api/v1/loans/loan-missing', tokB)).status).toBe(404);
    expect((await get(`/api/v1/loans/${LOAN}`, tokA)).status).toBe(200);
  });

  it('401 without a token', async () => {
    const res = await request(app).get(`/api/v1/loans/${LOAN}`);
    expect(res.status).toBe(401);
  });
});
