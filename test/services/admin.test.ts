import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminApp } from '../../sandbox/services/admin';
import { bearerFor, jsonPoster, e1, startHarness, type Harness } from './harness';
import { outboxRows, seedUser, seedWallet } from './seed';
import { clearDomain, seedCountry, seedOrg, seedParam } from './domain-seed';

let h: Harness;
let app: Express;
let tokSuper: string;
let tokAdmin: string;
let tokUser: string;

const post = jsonPoster(() => app);

beforeAll(async () => {
  h = await startHarness();
  app = createAdminApp(h.deps);
  [tokSuper, tokAdmin, tokUser] = await Promise.all([
    bearerFor(h.config, 'super-1', 'SUPER_ADMIN'), bearerFor(h.config, 'admin-1', 'ADMIN'), bearerFor(h.config, 'user-1', 'USER'),
  ]);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await clearDomain(h.pool);
  await h.redis.flushdb();
  await h.faults.set([]);
});

/** One valid request per SUPER_ADMIN command, with its §7.2 payload. */
const COMMANDS: { path: string; body?: object; type: string; message: string; payload: Record<string, string> }[] = [
  { path: '/api/v1/bootstrap', type: 'BOOTSTRAP_SYSTEM', message: 'System bootstrap initiated.', payload: {} },
  {
    path: '/api/v1/countries/initialize', type: 'INITIALIZE_COUNTRY', message: 'Country data initialization initiated.',
    body: { countriesData: [{ code: 'ke', name: 'Kenya', region: 'Africa', extra: 1 }, { code: 'XQ', name: 'Test', region: null }] },
    payload: { countriesJson: JSON.stringify([{ code: 'KE', name: 'Kenya', region: 'Africa' }, { code: 'XQ', name: 'Test' }]) },
  },
  {
    path: '/api/v1/parameters', type: 'UPDATE_SYSTEM_PARAMETER', message: 'System parameter update initiated.',
    body: { paramId: 'FEE_BPS', newValue: '' }, payload: { paramId: 'FEE_BPS', newValue: '' },
  },
  { path: '/api/v1/system/pause', type: 'PAUSE_SYSTEM', message: 'System pause initiated.', body: { reason: 'maintenance' }, payload: { reason: 'maintenance' } },
  { path: '/api/v1/system/resume', type: 'RESUME_SYSTEM', message: 'System resume initiated.', payload: {} },
  { path: '/api/v1/admins', type: 'APPOINT_ADMIN', message: 'Admin appointment initiated.', body: { newAdminId: 'user-1' }, payload: { newAdminId: 'user-1' } },
  { path: '/api/v1/treasury/activate', type: 'ACTIVATE_TREASURY', message: 'Treasury activation initiated.', body: { countryCode: 'ng' }, payload: { countryCode: 'NG' } },
];

describe('#25–#31 SUPER_ADMIN commands', () => {
  it.each(COMMANDS.map((c) => [c.type, c] as const))('%s: 202 and exactly one row with the §7.2 payload', async (_type, c) => {
    await seedUser(h.pool, { profileId: 'user-1' });
    const res = await post(c.path, tokSuper, { ...(c.body ?? {}), unexpected: 'dropped' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ commandId: expect.any(String), message: c.message });
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.commandId, tenantId: 'default', service: 'svc-admin', commandType: c.type, status: 'PENDING', attempts: 0 });
    expect(rows[0].payload).toEqual(c.payload);
  });

  it.each(COMMANDS.map((c) => [c.type, c] as const))('%s: 403 for ADMIN and USER, also with fault role-not-enforced', async (_type, c) => {
    for (const faults of [[], ['role-not-enforced']]) {
      await h.faults.set(faults);
      for (const token of [tokAdmin, tokUser]) {
        const res = await post(c.path, token, c.body);
        expect(res.status).toBe(403);
        expect(res.body).toEqual(e1('Forbidden', 'Insufficient permissions to access this resource'));
      }
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('401 without a token', async () => {
    expect((await post('/api/v1/bootstrap', null)).status).toBe(401);
  });

  const countries = (n: number) => Array.from({ length: n }, (_, i) => ({ code: String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)), name: `C${i}` }));
  it.each([
    ['#26 no countriesData', '/api/v1/countries/initialize', {}, 'countriesData is required'],
    ['#26 null countriesData', '/api/v1/countries/initialize', { countriesData: null }, 'countriesData is required'],
    ['#26 an object', '/api/v1/countries/initialize', { countriesData: { code: 'KE' } }, 'countriesData must be an array'],
    ['#26 an empty list', '/api/v1/countries/initialize', { countriesData: [] }, 'countriesData must have 1 to 300 entries'],
    ['#26 301 entries', '/api/v1/countries/initialize', { countriesData: countries(301) }, 'countriesData must have 1 to 300 entries'],
    ['#26 a three-letter code', '/api/v1/countries/initialize', { countriesData: [{ code: 'KEN', name: 'Kenya' }] }, 'countriesData[0].code is invalid'],
    ['#26 a missing name', '/api/v1/countries/initialize', { countriesData: [{ code: 'KE' }] }, 'countriesData[0].name is invalid'],
    ['#26 an over-long region', '/api/v1/countries/initialize', { countriesData: [{ code: 'KE', name: 'K', region: 'r'.repeat(101) }] }, 'countriesData[0].region is invalid'],
    ['#26 codes equal after upper-casing', '/api/v1/countries/initialize', { countriesData: [{ code: 'ke', name: 'a' }, { code: 'KE', name: 'b' }] }, 'countriesData has a duplicate code: KE'],
    ['#26 a non-object entry', '/api/v1/countries/initialize', { countriesData: ['KE'] }, 'countriesData[0] is invalid'],
    ['#27 no paramId', '/api/v1/parameters', { newValue: 'v' }, 'paramId is required'],
    ['#27 no newValue', '/api/v1/parameters', { paramId: 'P' }, 'newValue is required'],
    ['#27 a newValue over 1024', '/api/v1/parameters', { paramId: 'P', newValue: 'v'.repeat(1025) }, 'newValue is invalid'],
    ['#27 a paramId over 128', '/api/v1/parameters', { paramId: 'p'.repeat(129), newValue: 'v' }, 'paramId is invalid'],
    ['#28 no reason', '/api/v1/system/pause', {}, 'reason is required'],
    ['#28 an empty reason', '/api/v1/system/pause', { reason: '' }, 'reason is invalid'],
    ['#30 no newAdminId', '/api/v1/admins', {}, 'newAdminId is required'],
    ['#30 a numeric newAdminId', '/api/v1/admins', { newAdminId: 5 }, 'newAdminId is invalid'],
    ['#31 no countryCode', '/api/v1/treasury/activate', {}, 'countryCode is required'],
    ['#31 a three-letter countryCode', '/api/v1/treasury/activate', { countryCode: 'KEN' }, 'countryCode is invalid'],
  ])('400 naming the field for %s, nothing written', async (_name, path, body, message) => {
    const res = await post(path, tokSuper, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(e1('Bad Request', message));
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });

  it('#26 accepts 300 countries', async () => {
    const res = await post('/api/v1/countries/initialize', tokSuper, { countriesData: countries(300) });
    expect(res.status).toBe(202);
    const [row] = await outboxRows(h.pool);
    expect(JSON.parse(row.payload.countriesJson as string)).toHaveLength(300);
  });

  it('#30 400 "User not found" for an unknown or deleted user, or one of another tenant', async () => {
    const gone = await seedUser(h.pool, { deleted: true });
    const other = await seedUser(h.pool, { tenantId: 't2' });
    for (const id of ['nobody', gone.profileId, other.profileId]) {
      const res = await post('/api/v1/admins', tokSuper, { newAdminId: id });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('User not found');
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('svc-admin app', () => {
  it('serves /health as svc-admin', async () => {
    expect((await request(app).get('/health')).body).toMatchObject({ status: 'ok', service: 'svc-admin' });
  });
});

describe('#32 GET /api/v1/system/status', () => {
  it('404 before bootstrap, 200 after', async () => {
    const before = await request(app).get('/api/v1/system/status');
    expect(before.status).toBe(404);
    expect(before.body).toEqual(e1('Not Found', 'System status not found'));
    await seedParam(h.pool, 'SYSTEM_STATUS', 'PAUSED');
    await seedParam(h.pool, 'SYSTEM_STATUS', 'ACTIVE', 't2');
    const after = await request(app).get('/api/v1/system/status');
    expect(after.status).toBe(200);
    expect(after.body.status).toEqual({ tenantId: 'default', paramKey: 'SYSTEM_STATUS', paramValue: 'PAUSED', updatedAt: expect.stringMatching(/\.\d{3}Z$/) });
  });

  it('fault empty-state-500: 500 "Internal server error" when missing, 200 when present', async () => {
    await h.faults.set(['empty-state-500']);
    const res = await request(app).get('/api/v1/system/status');
    expect(res.status).toBe(500);
    expect(res.body).toEqual(e1('Internal Server Error', 'Internal server error'));
    await seedParam(h.pool, 'SYSTEM_STATUS', 'ACTIVE');
    expect((await request(app).get('/api/v1/system/status')).status).toBe(200);
  });
});

describe('#33 GET /api/v1/parameters/:paramId', () => {
  it('200 with the parameter, 404 when missing, 400 for an over-long id', async () => {
    await seedParam(h.pool, 'FEE_BPS', '10');
    const res = await request(app).get('/api/v1/parameters/FEE_BPS');
    expect(res.status).toBe(200);
    expect(res.body.parameter).toEqual({ tenantId: 'default', paramKey: 'FEE_BPS', paramValue: '10', updatedAt: expect.any(String) });
    const missing = await request(app).get('/api/v1/parameters/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('System parameter not found');
    expect((await request(app).get(`/api/v1/parameters/${'p'.repeat(129)}`)).status).toBe(400);
  });

  it('fault empty-state-500: 500 for a missing parameter', async () => {
    await h.faults.set(['empty-state-500']);
    expect((await request(app).get('/api/v1/parameters/NOPE')).status).toBe(500);
  });
});

describe('#34 GET /api/v1/countries/:countryCode/stats', () => {
  it('200 with the country and its user count; lower-case codes are upper-cased', async () => {
    await seedCountry(h.pool, 'KE', 'Kenya', 'Africa');
    await seedUser(h.pool);
    await h.pool.query(`UPDATE "UserProfile" SET "nationalityCountryCode" = 'KE'`);
    const res = await request(app).get('/api/v1/countries/ke/stats');
    expect(res.status).toBe(200);
    expect(res.body.stats).toEqual({ countryCode: 'KE', countryName: 'Kenya', region: 'Africa', userCount: 1 });
  });

  it('400 for an invalid code, 404 for an unknown one; fault empty-state-500 makes that 500', async () => {
    for (const code of ['KEN', 'K1']) {
      const res = await request(app).get(`/api/v1/countries/${code}/stats`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Invalid country code');
    }
    const missing = await request(app).get('/api/v1/countries/ZZ/stats');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Country stats not found');
    await h.faults.set(['empty-state-500']);
    expect((await request(app).get('/api/v1/countries/ZZ/stats')).status).toBe(500);
    expect((await request(app).get('/api/v1/countries/KEN/stats')).status).toBe(400);
  });
});

describe('#35 GET /api/v1/countries and #36 GET /api/v1/counters', () => {
  it('#35: countries in ascending countryCode', async () => {
    await seedCountry(h.pool, 'NG', 'Nigeria', 'Africa');
    await seedCountry(h.pool, 'BR', 'Brazil');
    await seedCountry(h.pool, 'KE', 'Kenya', 'Africa');
    const res = await request(app).get('/api/v1/countries');
    expect(res.status).toBe(200);
    expect(res.body.countries).toEqual([
      { countryCode: 'BR', countryName: 'Brazil', region: null },
      { countryCode: 'KE', countryName: 'Kenya', region: 'Africa' },
      { countryCode: 'NG', countryName: 'Nigeria', region: 'Africa' },
    ]);
  });

  it('#36: zeros when empty', async () => {
    const res = await request(app).get('/api/v1/counters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counters: { totalSupply: '0', totalUsers: 0, totalOrganizations: 0 } });
  });

  it('#36: live wallets (treasury included) and users of the deployment tenant, organizations (ADM-1)', async () => {
    const u1 = await seedUser(h.pool, { balance: '100.25' });
    await seedUser(h.pool, { balance: '0.000000001' });
    await seedUser(h.pool, { balance: '1000', deleted: true });
    await seedUser(h.pool, { balance: '7', tenantId: 't2' });
    await seedWallet(h.pool, { profileId: 'treasury_KE', balance: '12345678901234567890.5' });
    const deletedWallet = await seedWallet(h.pool, { profileId: u1.profileId, accountId: 'second', balance: '50' });
    await h.pool.query(`UPDATE "Wallet" SET "deletedAt" = now() WHERE "walletId" = $1`, [deletedWallet]);
    await seedOrg(h.pool, { orgId: 'o1', stakeholders: [u1.profileId] });
    await seedOrg(h.pool, { orgId: 'o2', stakeholders: [u1.profileId], tenantId: 't2' });
    const res = await request(app).get('/api/v1/counters');
    // The deleted user's wallet row itself is live: ADM-1 sums non-deleted wallets.
    expect(res.body).toEqual({ counters: { totalSupply: '12345678901234568990.750000001', totalUsers: 2, totalOrganizations: 1 } });
  });
});
