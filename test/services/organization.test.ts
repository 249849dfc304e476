import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrganizationApp } from '../../sandbox/services/organization';
import { bearerFor, jsonPoster, e1, startHarness, type Harness } from './harness';
import { outboxRows, seedUser } from './seed';
import { clearDomain, seedMultisig, seedOrg } from './domain-seed';

let h: Harness;
let app: Express;
let a: string; // userA (stakeholder)
let b: string; // userB (stakeholder)
let c: string; // userC (not a stakeholder)
let tokA: string;
let tokC: string;
let tokAdmin: string;
const ORG = 'org-1';

const post = jsonPoster(() => app);

beforeAll(async () => {
  h = await startHarness();
  app = createOrganizationApp(h.deps);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await clearDomain(h.pool);
  await h.redis.flushdb();
  await h.faults.set([]);
  [a, b, c] = (await Promise.all([seedUser(h.pool), seedUser(h.pool), seedUser(h.pool)])).map((u) => u.profileId);
  const admin = await seedUser(h.pool, { role: 'ADMIN' });
  [tokA, tokC, tokAdmin] = await Promise.all([
    bearerFor(h.config, a, 'USER'), bearerFor(h.config, c, 'USER'), bearerFor(h.config, admin.profileId, 'ADMIN'),
  ]);
  await seedOrg(h.pool, { orgId: ORG, stakeholders: [a, b], status: 'ACTIVE' });
});

describe('#8 POST /api/v1/organizations', () => {
  const body = () => ({ orgId: 'org-new', orgName: 'New Org', orgType: 'NGO', stakeholderIds: [a, b], extra: 'dropped' });

  it('202 and one PROPOSE_ORGANIZATION row with exactly the §7.2 keys', async () => {
    const res = await post('/api/v1/organizations', tokA, body());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Organization proposal initiated. All stakeholders must endorse.' });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, tenantId: 'default', service: 'svc-organization', commandType: 'PROPOSE_ORGANIZATION', status: 'PENDING', attempts: 0 });
    expect(rows[0].payload).toEqual({ orgId: 'org-new', orgName: 'New Org', orgType: 'NGO', stakeholderIdsJson: JSON.stringify([a, b]) });
  });

  it.each([
    ['a missing field', { orgId: 'x', orgName: 'n', orgType: 'NGO' }, 'orgId, orgName, orgType, and stakeholderIds are required'],
    ['a null field', { orgId: 'x', orgName: null, orgType: 'NGO', stakeholderIds: ['s'] }, 'orgId, orgName, orgType, and stakeholderIds are required'],
    ['no stakeholders', { orgId: 'x', orgName: 'n', orgType: 'NGO', stakeholderIds: [] }, 'At least one stakeholder is required'],
    ['an unknown orgType', { orgId: 'x', orgName: 'n', orgType: 'CLUB', stakeholderIds: ['s'] }, 'orgType is invalid'],
    ['duplicate stakeholders', { orgId: 'x', orgName: 'n', orgType: 'NGO', stakeholderIds: ['s', 's'] }, 'stakeholderIds is invalid'],
    ['an over-long orgName', { orgId: 'x', orgName: 'n'.repeat(101), orgType: 'NGO', stakeholderIds: ['s'] }, 'orgName is invalid'],
    ['a numeric orgId', { orgId: 7, orgName: 'n', orgType: 'NGO', stakeholderIds: ['s'] }, 'orgId is invalid'],
  ])('400 for %s, nothing written', async (_name, payload, message) => {
    const res = await post('/api/v1/organizations', tokA, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(e1('Bad Request', message));
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('403 when the caller is not among the stakeholders', async () => {
    const res = await post('/api/v1/organizations', tokC, body());
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('You must be a stakeholder to propose an organization');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('400 naming every unknown stakeholder, in the order sent', async () => {
    const res = await post('/api/v1/organizations', tokA, { ...body(), stakeholderIds: ['ghost-2', a, 'ghost-1'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Some stakeholders not found: ghost-2, ghost-1');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('a deleted user or a user of another tenant is not a stakeholder', async () => {
    const gone = await seedUser(h.pool, { deleted: true });
    const other = await seedUser(h.pool, { tenantId: 't2' });
    const res = await post('/api/v1/organizations', tokA, { ...body(), stakeholderIds: [a, gone.profileId, other.profileId] });
    expect(res.body.message).toBe(`Some stakeholders not found: ${gone.profileId}, ${other.profileId}`);
  });

  it('409 when the organization exists', async () => {
    const res = await post('/api/v1/organizations', tokA, { ...body(), orgId: ORG });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(e1('Conflict', 'Organization already exists'));
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('401 without a token', async () => {
    const res = await post('/api/v1/organizations', null, body());
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('No authorization header provided');
  });
});

describe('svc-organization app', () => {
  it('serves /health as svc-organization', async () => {
    expect((await request(app).get('/health')).body).toMatchObject({ status: 'ok', service: 'svc-organization' });
  });
});

describe('#9 POST /api/v1/organizations/:orgId/endorse', () => {
  it('202 with the caller as endorser', async () => {
    const res = await post(`/api/v1/organizations/${ORG}/endorse`, tokC, { endorserId: 'someone-else' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Membership endorsement initiated.' });
    const rows = await outboxRows(h.pool, 'ENDORSE_MEMBERSHIP');
    expect(rows.map((r) => r.payload)).toEqual([{ orgId: ORG, endorserId: c }]);
  });

  it('404 for an unknown organization, and for one of another tenant (TEN-1)', async () => {
    await seedOrg(h.pool, { orgId: 'org-t2', tenantId: 't2', stakeholders: [a] });
    for (const orgId of ['org-missing', 'org-t2']) {
      const res = await post(`/api/v1/organizations/${orgId}/endorse`, tokA);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(e1('Not Found', 'Organization not found'));
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('400 for an over-long path id', async () => {
    const res = await post(`/api/v1/organizations/${'o'.repeat(129)}/endorse`, tokA);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('orgId is invalid');
  });
});

describe('#10 POST /api/v1/organizations/:orgId/activate', () => {
  it('202 for an admin and for a stakeholder; payload {orgId}', async () => {
    await seedOrg(h.pool, { orgId: 'org-p', stakeholders: [a], status: 'PROPOSED' });
    const asAdmin = await post('/api/v1/organizations/org-p/activate', tokAdmin);
    const asStakeholder = await post('/api/v1/organizations/org-p/activate', tokA);
    expect([asAdmin.status, asStakeholder.status]).toEqual([202, 202]);
    expect(asAdmin.body.message).toBe('Organization activation initiated.');
    const rows = await outboxRows(h.pool, 'ACTIVATE_ORGANIZATION');
    expect(rows.map((r) => r.payload)).toEqual([{ orgId: 'org-p' }, { orgId: 'org-p' }]);
  });

  it('403 for a non-stakeholder USER, the same for an unknown organization (AUTHZ-3)', async () => {
    const known = await post(`/api/v1/organizations/${ORG}/activate`, tokC);
    const unknown = await post('/api/v1/organizations/org-missing/activate', tokC);
    for (const res of [known, unknown]) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual(e1('Forbidden', 'Insufficient permissions to access this resource'));
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('404 for an admin and an unknown organization', async () => {
    const res = await post('/api/v1/organizations/org-missing/activate', tokAdmin);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Organization not found');
  });
});

describe('#11 POST /api/v1/organizations/:orgId/rules', () => {
  const path = `/api/v1/organizations/${ORG}/rules`;

  it('202; ruleJson holds the validated rule only (amount normalized, unknown keys dropped)', async () => {
    const res = await post(path, tokA, { rule: { requiredApprovers: 2, approverGroup: [a, b], amountThreshold: 100.5, sneaky: true } });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Authorization rule definition initiated.');
    const [row] = await outboxRows(h.pool, 'DEFINE_AUTH_RULE');
    expect(row.payload).toEqual({ orgId: ORG, ruleJson: expect.any(String) });
    expect(JSON.parse(row.payload.ruleJson as string)).toEqual({ requiredApprovers: 2, approverGroup: [a, b], amountThreshold: '100.5' });
  });

  it('202 for an admin; a rule without amountThreshold has none in ruleJson', async () => {
    const res = await post(path, tokAdmin, { rule: { requiredApprovers: 1, approverGroup: [a], amountThreshold: null } });
    expect(res.status).toBe(202);
    const [row] = await outboxRows(h.pool, 'DEFINE_AUTH_RULE');
    expect(JSON.parse(row.payload.ruleJson as string)).toEqual({ requiredApprovers: 1, approverGroup: [a] });
  });

  it.each([
    ['no rule', {}, 'orgId and rule are required'],
    ['a null rule', { rule: null }, 'orgId and rule are required'],
    ['a rule that is not an object', { rule: 'x' }, 'rule is invalid'],
    ['requiredApprovers 0', { rule: { requiredApprovers: 0, approverGroup: ['x'] } }, 'requiredApprovers must be at least 1'],
    ['requiredApprovers as a string', { rule: { requiredApprovers: '2', approverGroup: ['x', 'y'] } }, 'requiredApprovers must be at least 1'],
    ['requiredApprovers fractional', { rule: { requiredApprovers: 1.5, approverGroup: ['x', 'y'] } }, 'requiredApprovers must be at least 1'],
    ['a too small approverGroup', { rule: { requiredApprovers: 3, approverGroup: ['x', 'y'] } }, 'approverGroup must have at least as many members as requiredApprovers'],
    ['an invalid approverGroup', { rule: { requiredApprovers: 1, approverGroup: 'x' } }, 'approverGroup is invalid'],
    ['an invalid amountThreshold', { rule: { requiredApprovers: 1, approverGroup: ['x'], amountThreshold: '-1' } }, 'amountThreshold is invalid'],
  ])('400 for %s, nothing written', async (_name, payload, message) => {
    const res = await post(path, tokA, payload);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('403 for a non-stakeholder (known or unknown org), 404 for an admin on an unknown org', async () => {
    const rule = { rule: { requiredApprovers: 1, approverGroup: [a] } };
    expect((await post(path, tokC, rule)).status).toBe(403);
    expect((await post('/api/v1/organizations/org-missing/rules', tokC, rule)).status).toBe(403);
    const res = await post('/api/v1/organizations/org-missing/rules', tokAdmin, rule);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Organization not found');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#12 POST /api/v1/organizations/:orgId/transactions', () => {
  const path = `/api/v1/organizations/${ORG}/transactions`;

  it('202 with a multisig-<orgId>-<suffix> id that is also the payload pendingTxId', async () => {
    const res = await post(path, tokA, { toUserId: c, amount: 12.5 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      commandId: expect.any(String), pendingTxId: expect.stringMatching(new RegExp(`^multisig-${ORG}-[a-z0-9]+$`)),
      message: 'Multi-signature transaction initiated. Waiting for approvals.',
    });
    const [row] = await outboxRows(h.pool, 'INITIATE_MULTISIG_TX');
    expect(row.id).toBe(res.body.commandId);
    expect(row.payload).toEqual({ pendingTxId: res.body.pendingTxId, orgId: ORG, initiatorId: a, toUserId: c, amount: '12.5', remark: '' });
  });

  it('passes the remark through and names each transaction uniquely', async () => {
    const one = await post(path, tokA, { toUserId: c, amount: '1', remark: 'rent' });
    const two = await post(path, tokA, { toUserId: c, amount: '1' });
    expect(one.body.pendingTxId).not.toBe(two.body.pendingTxId);
    const rows = await outboxRows(h.pool, 'INITIATE_MULTISIG_TX');
    expect(rows[0].payload.remark).toBe('rent');
  });

  it.each([
    ['no amount', { toUserId: 'x' }, 'orgId, toUserId, and amount are required'],
    ['a zero amount', { toUserId: 'x', amount: 0 }, 'Amount must be greater than 0'],
    ['an exponent amount', { toUserId: 'x', amount: '1e3' }, 'Amount must be greater than 0'],
    ['a too long remark', { toUserId: 'x', amount: '1', remark: 'r'.repeat(257) }, 'remark is invalid'],
  ])('400 for %s', async (_name, payload, message) => {
    const res = await post(path, tokA, payload);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('404 for an unknown organization', async () => {
    const res = await post('/api/v1/organizations/org-missing/transactions', tokA, { toUserId: c, amount: '1' });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Organization not found');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#13 POST /api/v1/transactions/:pendingTxId/approve', () => {
  it('202 with the caller as approver; 404 for an unknown pending transaction', async () => {
    await seedMultisig(h.pool, { txId: 'multisig-org-1-abc', orgId: ORG, toUserId: c, amount: '5' });
    const res = await post('/api/v1/transactions/multisig-org-1-abc/approve', tokA);
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Multi-signature transaction approval initiated.');
    expect((await outboxRows(h.pool, 'APPROVE_MULTISIG_TX')).map((r) => r.payload)).toEqual([{ pendingTxId: 'multisig-org-1-abc', approverId: a }]);
    const missing = await post('/api/v1/transactions/multisig-org-1-nope/approve', tokA);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(e1('Not Found', 'Pending transaction not found'));
    expect(await outboxRows(h.pool)).toHaveLength(1);
  });
});

describe('#14 GET /api/v1/organizations/:orgId', () => {
  it('200 with the organization, public, deployment tenant only', async () => {
    const res = await request(app).get(`/api/v1/organizations/${ORG}`);
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ orgId: ORG, orgName: `Org ${ORG}`, orgType: 'BUSINESS', status: 'ACTIVE', stakeholders: [a, b], endorsers: [], rules: {}, activatedAt: null });
    expect(res.body.organization.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await seedOrg(h.pool, { orgId: 'org-t2', tenantId: 't2', stakeholders: [a] });
    for (const orgId of ['org-missing', 'org-t2']) {
      const missing = await request(app).get(`/api/v1/organizations/${orgId}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual(e1('Not Found', 'Organization not found'));
    }
  });
});

describe('#15 GET /api/v1/organizations/:orgId/transactions/pending', () => {
  it('PENDING only, oldest first, mapped to PendingTxDTO', async () => {
    await h.pool.query(`UPDATE "Organization" SET "authRules" = $1::jsonb WHERE "orgId" = $2`,
      [JSON.stringify({ r1: { requiredApprovers: 2, approverGroup: [a, b], amountThreshold: null } }), ORG]);
    const t0 = Date.now();
    await seedMultisig(h.pool, { txId: 'tx-late', orgId: ORG, toUserId: c, amount: '7.500000000', createdAt: new Date(t0) });
    await seedMultisig(h.pool, { txId: 'tx-early', orgId: ORG, toUserId: b, amount: '100', remark: 'r', ruleId: 'r1', requiredSignatures: 2, approvers: [a], createdAt: new Date(t0 - 60_000) });
    await seedMultisig(h.pool, { txId: 'tx-done', orgId: ORG, toUserId: b, amount: '1', status: 'EXECUTED', createdAt: new Date(t0 - 120_000) });
    const res = await request(app).get(`/api/v1/organizations/${ORG}/transactions/pending`);
    expect(res.status).toBe(200);
    expect(res.body.pendingTransactions).toEqual([
      { txId: 'tx-early', orgId: ORG, toId: b, amount: '100', remark: 'r', status: 'PENDING', requiredApprovals: 2, approverGroup: [a, b], approvals: { [a]: true } },
      { txId: 'tx-late', orgId: ORG, toId: c, amount: '7.5', remark: null, status: 'PENDING', requiredApprovals: 1, approverGroup: [], approvals: {} },
    ]);
  });

  it('an empty list for an organization without pending transactions, 404 for an unknown one', async () => {
    expect((await request(app).get(`/api/v1/organizations/${ORG}/transactions/pending`)).body).toEqual({ pendingTransactions: [] });
    const res = await request(app).get('/api/v1/organizations/org-missing/transactions/pending');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Organization not found');
  });
});
