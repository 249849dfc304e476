import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, createServiceApp, ok } from '../../sandbox/services/kit';
import { mint, startHarness, unsignedToken, type Harness } from './harness';

let h: Harness;
let app: Express;
const claims = { profileId: 'p-1', role: 'USER', tenantId: 'default' };

beforeAll(async () => {
  h = await startHarness();
  app = createServiceApp('tokenomics', h.deps, (r) => {
    r.add({ method: 'get', path: '/api/v1/whoami', access: 'auth', handler: async ({ principal, tenantId }) => ok({ principal, tenantId }) });
    r.add({ method: 'post', path: '/api/v1/admin-only', access: ADMIN_ROLES, handler: async () => ok({ done: true }) });
    r.add({ method: 'post', path: '/api/v1/super-only', access: ['SUPER_ADMIN'], handler: async () => ok({ done: true }) });
  }).app;
});
afterAll(async () => {
  await h?.stop();
});

const whoami = (authorization?: string) => {
  const req = request(app).get('/api/v1/whoami');
  return authorization === undefined ? req : req.set('Authorization', authorization);
};

async function expect401(authorization: string | undefined, message: string) {
  const res = await whoami(authorization);
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ error: 'Unauthorized', message });
}

describe('§3.2 outcomes of the access-token check', () => {
  it('accepts a valid token and exposes the principal and its tenant', async () => {
    const res = await whoami(`Bearer ${await mint(h.config, { ...claims, tenantId: 't-2' })}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ principal: { profileId: 'p-1', role: 'USER', tenantId: 't-2' }, tenantId: 't-2' });
  });

  it('no header, bad scheme, nothing after Bearer', async () => {
    await expect401(undefined, 'No authorization header provided');
    await expect401('Basic dXNlcjpwYXNz', 'Invalid authorization header format. Expected: Bearer <token>');
    await expect401('Bearer', 'Invalid authorization header format. Expected: Bearer <token>');
    await expect401('Bearer   ', 'Invalid authorization header format. Expected: Bearer <token>');
  });

  it('not a JWT, bad signature, alg none, algorithm not allowlisted', async () => {
    await expect401('Bearer not-a-jwt', 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { secret: 'another-secret-another-secret-12345' })}`, 'Invalid or expired token');
    await expect401(`Bearer ${unsignedToken({ ...claims, iss: 'gx-identity-service', aud: 'gx-api', exp: Math.floor(Date.now() / 1000) + 600 })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { alg: 'HS512' })}`, 'Invalid or expired token');
  });

  it('expired, nbf in the future, no exp; tolerance at most 30 s', async () => {
    await expect401(`Bearer ${await mint(h.config, claims, { expiresIn: -60 })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { notBefore: 120 })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { expiresIn: null })}`, 'Invalid or expired token');
    const withinTolerance = await whoami(`Bearer ${await mint(h.config, claims, { expiresIn: -5 })}`);
    expect(withinTolerance.status).toBe(200);
  });

  it('wrong iss or aud, a refresh token included', async () => {
    await expect401(`Bearer ${await mint(h.config, claims, { issuer: 'someone-else' })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { audience: 'other-api' })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { audience: 'gx-api-refresh' })}`, 'Invalid or expired token');
    await expect401(`Bearer ${await mint(h.config, claims, { audience: ['gx-api', 'gx-api-refresh'] })}`, 'Invalid or expired token');
    const array = await whoami(`Bearer ${await mint(h.config, claims, { audience: ['gx-api', 'other'] })}`);
    expect(array.status).toBe(200);
  });

  it('payload missing, ill-typed or empty, or an unknown role', async () => {
    for (const bad of [
      { role: 'USER', tenantId: 'default' },
      { ...claims, profileId: '' },
      { ...claims, profileId: 42 },
      { ...claims, tenantId: '' },
      { profileId: 'p-1', role: 'USER' },
      { ...claims, role: 'ROOT' },
      { ...claims, role: null },
    ]) {
      await expect401(`Bearer ${await mint(h.config, bad)}`, 'Invalid token payload');
    }
  });

  it('role gate: 403 with the contract message; SUPER_ADMIN satisfies ADMIN', async () => {
    const user = `Bearer ${await mint(h.config, claims)}`;
    const denied = await request(app).post('/api/v1/admin-only').set('Authorization', user);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'Forbidden', message: 'Insufficient permissions to access this resource' });
    const sup = `Bearer ${await mint(h.config, { ...claims, role: 'SUPER_ADMIN' })}`;
    expect((await request(app).post('/api/v1/admin-only').set('Authorization', sup)).status).toBe(200);
    const admin = `Bearer ${await mint(h.config, { ...claims, role: 'ADMIN' })}`;
    expect((await request(app).post('/api/v1/super-only').set('Authorization', admin)).status).toBe(403);
  });
});

describe('auth faults change exactly their rule', () => {
  const cases: { fault: string; token: () => Promise<string> }[] = [
    { fault: 'auth-alg-none', token: async () => unsignedToken({ ...claims, iss: 'gx-identity-service', aud: 'gx-api', exp: Math.floor(Date.now() / 1000) + 600 }) },
    { fault: 'auth-expired-accepted', token: () => mint(h.config, claims, { expiresIn: -3600 }) },
    { fault: 'auth-no-exp-accepted', token: () => mint(h.config, claims, { expiresIn: null }) },
    { fault: 'auth-wrong-audience-accepted', token: () => mint(h.config, claims, { audience: 'other-api' }) },
    { fault: 'auth-refresh-as-access', token: () => mint(h.config, claims, { audience: 'gx-api-refresh' }) },
  ];
  for (const { fault, token } of cases) {
    it(`${fault}: 401 when off, accepted when on`, async () => {
      const t = `Bearer ${await token()}`;
      expect((await whoami(t)).status).toBe(401);
      await h.faults.set([fault]);
      try {
        expect((await whoami(t)).status).toBe(200);
        // Other rules still hold under this fault.
        await expect401(`Bearer ${await mint(h.config, claims, { issuer: 'someone-else' })}`, 'Invalid or expired token');
      } finally {
        await h.faults.set([]);
      }
    });
  }

  it('auth-refresh-as-access does not open other audiences', async () => {
    await h.faults.set(['auth-refresh-as-access']);
    try {
      await expect401(`Bearer ${await mint(h.config, claims, { audience: 'other-api' })}`, 'Invalid or expired token');
    } finally {
      await h.faults.set([]);
    }
  });

  it('role-not-enforced opens ADMIN-or-SUPER_ADMIN routes only', async () => {
    const user = `Bearer ${await mint(h.config, claims)}`;
    await h.faults.set(['role-not-enforced']);
    try {
      expect((await request(app).post('/api/v1/admin-only').set('Authorization', user)).status).toBe(200);
      expect((await request(app).post('/api/v1/super-only').set('Authorization', user)).status).toBe(403);
    } finally {
      await h.faults.set([]);
    }
    expect((await request(app).post('/api/v1/admin-only').set('Authorization', user)).status).toBe(403);
  });
});
