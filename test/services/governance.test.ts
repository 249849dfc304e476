import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGovernanceApp } from '../../sandbox/services/governance';
import { bearerFor, jsonPoster, startHarness, type Harness } from './harness';
import { outboxRows } from './seed';
import { clearDomain, seedProposal } from './domain-seed';

let h: Harness;
let app: Express;
let tokA: string;
let tokB: string;
let tokAdmin: string;
const PROP = 'proposal-FEE_BPS-1';

const post = jsonPoster(() => app);

beforeAll(async () => {
  h = await startHarness();
  app = createGovernanceApp(h.deps);
  [tokA, tokB, tokAdmin] = await Promise.all([
    bearerFor(h.config, 'user-a', 'USER'), bearerFor(h.config, 'user-b', 'USER'), bearerFor(h.config, 'admin-1', 'ADMIN'),
  ]);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await clearDomain(h.pool);
  await h.redis.flushdb();
  await h.faults.set([]);
  await seedProposal(h.pool, { proposalId: PROP, proposerId: 'user-a', votesFor: 3, votesAgainst: 1 });
});

describe('#20 POST /api/v1/proposals', () => {
  it('202 with a proposal-<targetParam>-<suffix> id; one SUBMIT_PROPOSAL row with exactly the §7.2 keys', async () => {
    const res = await post('/api/v1/proposals', tokA, { targetParam: 'FEE_BPS', newValue: '15', proposerId: 'user-a', title: 'dropped' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      commandId: expect.any(String), proposalId: expect.stringMatching(/^proposal-FEE_BPS-[a-z0-9]+$/),
      message: 'Proposal submitted. Voting period started.',
    });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, service: 'svc-governance', commandType: 'SUBMIT_PROPOSAL', status: 'PENDING' });
    expect(rows[0].payload).toEqual({ proposalId: res.body.proposalId, targetParam: 'FEE_BPS', newValue: '15', proposerId: 'user-a' });
  });

  it.each([
    ['no newValue', { targetParam: 'P', proposerId: 'user-a' }, 'targetParam, newValue, and proposerId are required'],
    ['a null targetParam', { targetParam: null, newValue: 'v', proposerId: 'user-a' }, 'targetParam, newValue, and proposerId are required'],
    ['an empty newValue', { targetParam: 'P', newValue: '', proposerId: 'user-a' }, 'newValue is invalid'],
    ['a newValue over 1024', { targetParam: 'P', newValue: 'v'.repeat(1025), proposerId: 'user-a' }, 'newValue is invalid'],
    ['a numeric newValue', { targetParam: 'P', newValue: 5, proposerId: 'user-a' }, 'newValue is invalid'],
    ['a padded targetParam', { targetParam: ' P', newValue: 'v', proposerId: 'user-a' }, 'targetParam is invalid'],
  ])('400 for %s, nothing written', async (_name, body, message) => {
    const res = await post('/api/v1/proposals', tokA, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('403 when submitting as someone else', async () => {
    const res = await post('/api/v1/proposals', tokB, { targetParam: 'P', newValue: 'v', proposerId: 'user-a' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('You can only submit proposals as yourself');
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('svc-governance app', () => {
  it('serves /health as svc-governance', async () => {
    expect((await request(app).get('/health')).body).toMatchObject({ status: 'ok', service: 'svc-governance' });
  });
});

describe('#21 POST /api/v1/proposals/:proposalId/vote', () => {
  it('202 with the vote as "true"/"false" and the caller as voter', async () => {
    const yes = await post(`/api/v1/proposals/${PROP}/vote`, tokB, { vote: true, voterId: 'forged' });
    const no = await post(`/api/v1/proposals/${PROP}/vote`, tokA, { vote: false });
    expect([yes.status, no.status]).toEqual([202, 202]);
    expect(yes.body).toEqual({ commandId: expect.any(String), message: 'Vote recorded.' });
    expect((await outboxRows(h.pool, 'CAST_VOTE')).map((r) => r.payload)).toEqual([
      { proposalId: PROP, vote: 'true', voterId: 'user-b' },
      { proposalId: PROP, vote: 'false', voterId: 'user-a' },
    ]);
  });

  it.each([
    ['no vote', {}, 'proposalId and vote are required'],
    ['a null vote', { vote: null }, 'proposalId and vote are required'],
    ['a string vote', { vote: 'true' }, 'vote must be a boolean'],
    ['a numeric vote', { vote: 1 }, 'vote must be a boolean'],
  ])('400 for %s', async (_name, body, message) => {
    const res = await post(`/api/v1/proposals/${PROP}/vote`, tokB, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('404 for an unknown proposal and for one of another tenant', async () => {
    await seedProposal(h.pool, { proposalId: 'proposal-t2', proposerId: 'x', tenantId: 't2' });
    for (const id of ['proposal-missing', 'proposal-t2']) {
      const res = await post(`/api/v1/proposals/${id}/vote`, tokB, { vote: true });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Proposal not found');
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('#22 POST /api/v1/proposals/:proposalId/execute', () => {
  it('202 for ADMIN with payload {proposalId}', async () => {
    const res = await post(`/api/v1/proposals/${PROP}/execute`, tokAdmin);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: 'Proposal execution initiated.' });
    expect((await outboxRows(h.pool, 'EXECUTE_PROPOSAL')).map((r) => r.payload)).toEqual([{ proposalId: PROP }]);
  });

  it('403 for a USER; fault role-not-enforced opens it', async () => {
    const denied = await post(`/api/v1/proposals/${PROP}/execute`, tokA);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Insufficient permissions to access this resource');
    expect(await outboxRows(h.pool)).toHaveLength(0);
    await h.faults.set(['role-not-enforced']);
    expect((await post(`/api/v1/proposals/${PROP}/execute`, tokA)).status).toBe(202);
    expect(await outboxRows(h.pool, 'EXECUTE_PROPOSAL')).toHaveLength(1);
  });

  it('404 for an unknown proposal', async () => {
    const res = await post('/api/v1/proposals/proposal-missing/execute', tokAdmin);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Proposal not found');
  });
});

describe('#23 GET /api/v1/proposals/:proposalId and #24 GET /api/v1/proposals', () => {
  it('#23: 200 with forVotes/againstVotes from the vote columns; 404 when unknown', async () => {
    const res = await request(app).get(`/api/v1/proposals/${PROP}`);
    expect(res.status).toBe(200);
    expect(res.body.proposal).toMatchObject({ proposalId: PROP, proposerId: 'user-a', status: 'ACTIVE', forVotes: 3, againstVotes: 1, targetParam: 'FEE_BPS', newValue: '12', endTime: null });
    const missing = await request(app).get('/api/v1/proposals/proposal-missing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'Not Found', message: 'Proposal not found', requestId: expect.any(String) });
  });

  it('#24: ACTIVE proposals of the deployment tenant only, createdAt ascending', async () => {
    const t0 = Date.now();
    await seedProposal(h.pool, { proposalId: 'p-older', proposerId: 'x', createdAt: new Date(t0 - 60_000) });
    await seedProposal(h.pool, { proposalId: 'p-newer', proposerId: 'x', createdAt: new Date(t0 + 60_000) });
    await seedProposal(h.pool, { proposalId: 'p-executed', proposerId: 'x', status: 'EXECUTED' });
    await seedProposal(h.pool, { proposalId: 'p-other-tenant', proposerId: 'x', tenantId: 't2' });
    const res = await request(app).get('/api/v1/proposals');
    expect(res.status).toBe(200);
    expect(res.body.proposals.map((p: { proposalId: string }) => p.proposalId)).toEqual(['p-older', PROP, 'p-newer']);
    expect(res.body.proposals[1]).toMatchObject({ forVotes: 3, againstVotes: 1 });
  });
});
