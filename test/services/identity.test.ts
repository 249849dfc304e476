import request from 'supertest';
import type { Express } from 'express';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIdentityApp } from '../../sandbox/services/identity';
import { bearerFor, mint, startHarness, type Harness } from './harness';
import { outboxRows, seedUser, type SeededUser } from './seed';

let h: Harness;
let app: Express;
let alice: SeededUser;
let bob: SeededUser;
let asAlice: string;

beforeAll(async () => {
  h = await startHarness();
  app = createIdentityApp(h.deps);
  await h.pool.query(`INSERT INTO "Country" ("countryCode","countryName") VALUES ('KE','Kenya')`);
  alice = await seedUser(h.pool, { role: 'ADMIN', phoneNum: '+254700000001' });
  bob = await seedUser(h.pool);
  asAlice = await bearerFor(h.config, alice.profileId, 'ADMIN');
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.pool.query('DELETE FROM "OutboxCommand"');
  await h.faults.set([]);
});

const login = (body: object) => request(app).post('/api/v1/auth/login').send(body);
const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('I1 login', () => {
  it('issues access and refresh tokens with role and tenant from the profile, and a UserDTO without secrets', async () => {
    const res = await login({ email: alice.email.toUpperCase(), password: alice.password });
    expect(res.status).toBe(200);
    const access = decode(res.body.accessToken);
    const refresh = decode(res.body.refreshToken);
    expect(access).toMatchObject({ profileId: alice.profileId, role: 'ADMIN', tenantId: 'default', iss: 'gx-identity-service', aud: 'gx-api' });
    expect(access.exp - access.iat).toBe(24 * 3600);
    expect(refresh).toMatchObject({ aud: 'gx-api-refresh', jti: expect.any(String) });
    expect(refresh.exp - refresh.iat).toBe(7 * 24 * 3600);
    expect(JSON.parse(Buffer.from(res.body.accessToken.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    expect(res.body.user).toMatchObject({ profileId: alice.profileId, email: alice.email, phoneNum: '+254700000001', status: 'VERIFIED' });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|biometricHash/);
  });

  it('answers unknown email, wrong password and malformed email identically', async () => {
    const answers = await Promise.all([
      login({ email: 'nobody@example.test', password: alice.password }),
      login({ email: alice.email, password: 'wrong password!' }),
      login({ email: 'not-an-email', password: alice.password }),
      login({ email: 'nul\u0000@example.test', password: alice.password }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('Unauthorized');
      expect(res.body.message).toBe('Invalid email or password');
    }
  });

  it('400 when a field is missing, null or not a string', async () => {
    for (const body of [{}, { email: alice.email }, { email: alice.email, password: null }, { email: 5, password: 'x' }]) {
      const res = await login(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Email and password are required');
    }
  });

  it('inactive accounts are refused only after the password verifies', async () => {
    const suspended = await seedUser(h.pool, { status: 'SUSPENDED' });
    expect((await login({ email: suspended.email, password: suspended.password })).body.message).toBe('Account is inactive. Please contact support.');
    expect((await login({ email: suspended.email, password: 'wrong password!' })).body.message).toBe('Invalid email or password');
    const rejected = await seedUser(h.pool, { status: 'REJECTED' });
    expect((await login({ email: rejected.email, password: rejected.password })).status).toBe(200);
    const deleted = await seedUser(h.pool, { deleted: true });
    expect((await login({ email: deleted.email, password: deleted.password })).status).toBe(401);
  });
});

describe('I2 refresh and I3 logout', () => {
  it('refresh returns a new access token with role re-read; logout revokes; access tokens are refused', async () => {
    const user = await seedUser(h.pool);
    const { body: tokens } = await login({ email: user.email, password: user.password });
    await h.pool.query(`UPDATE "UserProfile" SET "role" = 'PARTNER_API' WHERE "profileId" = $1`, [user.profileId]);
    const refreshed = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(decode(refreshed.body.accessToken)).toMatchObject({ profileId: user.profileId, role: 'PARTNER_API', aud: 'gx-api' });
    const withAccess = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.accessToken });
    expect(withAccess.status).toBe(401);
    expect(withAccess.body.message).toBe('Invalid or expired refresh token');
    expect((await request(app).post('/api/v1/auth/logout').send({ refreshToken: tokens.accessToken })).status).toBe(401);

    const out = await request(app).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ message: 'Logout successful' });
    expect((await request(app).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken })).status).toBe(200);
    const after = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('Invalid or expired refresh token');
    const ttl = await h.redis.pttl(`gx:revoked:${decode(tokens.refreshToken).jti}`);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it('refresh refuses missing fields, expired tokens, gone and inactive users', async () => {
    expect((await request(app).post('/api/v1/auth/refresh').send({})).body.message).toBe('Refresh token is required');
    expect((await request(app).post('/api/v1/auth/logout').send({ refreshToken: 7 })).body.message).toBe('Refresh token is required');
    const expired = await mint(h.config, { profileId: bob.profileId, role: 'USER', tenantId: 'default' }, { audience: 'gx-api-refresh', expiresIn: -120 });
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: expired })).status).toBe(401);
    const ghost = await mint(h.config, { profileId: 'ghost', role: 'USER', tenantId: 'default' }, { audience: 'gx-api-refresh' });
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: ghost })).status).toBe(401);
    const closed = await seedUser(h.pool, { status: 'CLOSED' });
    const closedToken = await mint(h.config, { profileId: closed.profileId, role: 'USER', tenantId: 'default' }, { audience: 'gx-api-refresh' });
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: closedToken })).status).toBe(401);
  });

  it('fault auth-logout-no-revoke: logout answers 200 but the token keeps working', async () => {
    const user = await seedUser(h.pool);
    const { body: tokens } = await login({ email: user.email, password: user.password });
    await h.faults.set(['auth-logout-no-revoke']);
    expect((await request(app).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken })).status).toBe(200);
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(200);
  });
});

describe('I4 register', () => {
  const valid = { email: 'New.User@Example.test', password: 'long enough pw', firstName: 'New', lastName: 'User' };

  it('202 with one CREATE_USER row: uuid profileId, sha256 biometricHash, bcrypt cost 12, lower-cased email', async () => {
    const res = await request(app).post('/api/v1/users').send({ ...valid, phoneNum: '+254711111111', nationalityCountryCode: 'ke', age: 30, role: 'SUPER_ADMIN' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ commandId: expect.any(String), message: 'User registration initiated. Check status with command ID.' });
    const [row] = await outboxRows(h.pool, 'CREATE_USER');
    expect(row.service).toBe('svc-identity');
    expect(Object.keys(row.payload).sort()).toEqual(['age', 'biometricHash', 'email', 'firstName', 'identityNum', 'lastName', 'nationality', 'passwordHash', 'phoneNum', 'userId'].sort());
    expect(row.payload).toMatchObject({ email: 'new.user@example.test', nationality: 'KE', age: '30', phoneNum: '+254711111111', identityNum: null, firstName: 'New' });
    expect(row.payload.userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.payload.biometricHash).toMatch(/^[0-9a-f]{64}$/);
    expect(String(row.payload.passwordHash)).toMatch(/^\$2[aby]\$12\$/);
    expect(await bcrypt.compare(valid.password, String(row.payload.passwordHash))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');

    // A pending registration already holds the email and the phone number.
    const dupe = await request(app).post('/api/v1/users').send(valid);
    expect(dupe.status).toBe(400);
    expect(dupe.body.message).toBe('User with this email already exists');
    const dupePhone = await request(app).post('/api/v1/users').send({ ...valid, email: 'other@example.test', phoneNum: '+254711111111' });
    expect(dupePhone.body.message).toBe('User with this phone number already exists');
    await h.pool.query(`UPDATE "OutboxCommand" SET "status" = 'FAILED'`);
    expect((await request(app).post('/api/v1/users').send({ ...valid, email: 'new.user@example.test' })).status).toBe(202);
  });

  it('validation messages in the listed order; existing profiles block email and phone', async () => {
    const cases: [object, string][] = [
      [{ email: 'a@b.co', password: 'long enough pw', firstName: 'A' }, 'Email, password, firstName, and lastName are required'],
      [{ ...valid, email: 'not-an-email' }, 'Invalid email format'],
      [{ ...valid, password: 'short' }, 'Password must be at least 8 characters long'],
      [{ ...valid, password: 'x'.repeat(129) }, 'Password must be at most 128 characters long'],
      [{ ...valid, firstName: '' }, 'firstName is invalid'],
      [{ ...valid, age: 12.5 }, 'age is invalid'],
      [{ ...valid, nationalityCountryCode: 'KEN' }, 'nationalityCountryCode is invalid'],
      [{ ...valid, email: alice.email }, 'User with this email already exists'],
      [{ ...valid, phoneNum: '+254700000001' }, 'User with this phone number already exists'],
    ];
    for (const [body, message] of cases) {
      const res = await request(app).post('/api/v1/users').send(body);
      expect(res.status, message).toBe(400);
      expect(res.body.message).toBe(message);
    }
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});

describe('I5–I8 owner routes', () => {
  it('I5: own profile; 403 for others before any lookup; 404 for a deleted self', async () => {
    const res = await request(app).get(`/api/v1/users/${alice.profileId}`).set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ profileId: alice.profileId, email: alice.email, role: 'ADMIN' });
    expect(res.body.user.createdAt).toMatch(/\.\d{3}Z$/);
    for (const id of [bob.profileId, 'does-not-exist']) {
      const other = await request(app).get(`/api/v1/users/${id}`).set('Authorization', asAlice);
      expect(other.status).toBe(403);
      expect(other.body.message).toBe('You can only view your own profile');
    }
    const gone = await seedUser(h.pool, { deleted: true });
    const asGone = await bearerFor(h.config, gone.profileId, 'USER');
    const missing = await request(app).get(`/api/v1/users/${gone.profileId}`).set('Authorization', asGone);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('User not found');
    expect((await request(app).get(`/api/v1/users/${alice.profileId}`)).status).toBe(401);
  });

  it('I6: UPDATE_USER_PROFILE with only the given fields', async () => {
    const url = `/api/v1/users/${alice.profileId}`;
    expect((await request(app).patch(`/api/v1/users/${bob.profileId}`).set('Authorization', asAlice).send({ firstName: 'X' })).body.message).toBe('You can only update your own profile');
    expect((await request(app).patch(url).set('Authorization', asAlice).send({ lastName: null, other: 1 })).body.message).toBe('No updatable fields provided');
    expect((await request(app).patch(url).set('Authorization', asAlice).send({ firstName: 5 })).body.message).toBe('firstName is invalid');
    await h.pool.query(`UPDATE "UserProfile" SET "phoneNum" = '+254799999999' WHERE "profileId" = $1`, [bob.profileId]);
    expect((await request(app).patch(url).set('Authorization', asAlice).send({ phoneNum: '+254799999999' })).body.message).toBe('User with this phone number already exists');
    const res = await request(app).patch(url).set('Authorization', asAlice).send({ firstName: 'Alicia', phoneNum: '+254700000001' });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Profile update initiated.');
    const rows = await outboxRows(h.pool);
    expect(rows).toHaveLength(1);
    expect(rows[0].commandType).toBe('UPDATE_USER_PROFILE');
    expect(rows[0].payload).toEqual({ userId: alice.profileId, changesJson: JSON.stringify({ firstName: 'Alicia', phoneNum: '+254700000001' }) });
  });

  it('I7: SUBMIT_KYC with a server kycId; 409 once approved; I8 shows the newest record', async () => {
    const u = await seedUser(h.pool);
    const auth = await bearerFor(h.config, u.profileId, 'USER');
    const url = `/api/v1/users/${u.profileId}/kyc`;
    expect((await request(app).post(`/api/v1/users/${bob.profileId}/kyc`).set('Authorization', auth).send({})).body.message).toBe('You can only submit KYC for your own account');
    expect((await request(app).post(url).set('Authorization', auth).send({ evidenceHash: 'h' })).body.message).toBe('Evidence hash, size, and MIME type are required');
    expect((await request(app).post(url).set('Authorization', auth).send({ evidenceHash: 'h', evidenceSize: 0, evidenceMime: 'image/png' })).body.message).toBe('evidenceSize is invalid');
    expect((await request(app).post(url).set('Authorization', auth).send({ evidenceHash: 'h', evidenceSize: 10, evidenceMime: 'png' })).body.message).toBe('evidenceMime is invalid');
    const res = await request(app).post(url).set('Authorization', auth).send({ evidenceHash: 'abc123', evidenceSize: 2048, evidenceMime: 'application/pdf' });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('KYC submission initiated.');
    const [row] = await outboxRows(h.pool);
    expect(row.payload).toEqual({ userId: u.profileId, kycId: expect.any(String), evidenceHash: 'abc123', evidenceSize: '2048', evidenceMime: 'application/pdf' });

    const empty = await request(app).get(url).set('Authorization', auth);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ kycStatus: null });
    await h.pool.query(
      `INSERT INTO "KYCVerification" ("kycId","profileId","status","evidenceHash","evidenceSize","evidenceMime","createdAt")
       VALUES ('k-old',$1,'REJECTED','h1',1,'image/png', now() - interval '1 day'), ('k-new',$1,'APPROVED','h2',2,'image/png', now())`,
      [u.profileId],
    );
    const shown = await request(app).get(url).set('Authorization', auth);
    expect(shown.body.kycStatus).toMatchObject({ kycId: 'k-new', profileId: u.profileId, status: 'APPROVED', evidenceSize: 2, verifiedAt: null });
    const again = await request(app).post(url).set('Authorization', auth).send({ evidenceHash: 'abc123', evidenceSize: 2048, evidenceMime: 'application/pdf' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('KYC already approved');
    expect((await request(app).get(`/api/v1/users/${bob.profileId}/kyc`).set('Authorization', auth)).body.message).toBe('You can only view your own KYC status');
  });

  it('I6–I8 answer 404 for an owner whose profile does not exist', async () => {
    const auth = await bearerFor(h.config, 'ghost-user', 'USER');
    expect((await request(app).patch('/api/v1/users/ghost-user').set('Authorization', auth).send({ firstName: 'G' })).status).toBe(404);
    expect((await request(app).post('/api/v1/users/ghost-user/kyc').set('Authorization', auth).send({ evidenceHash: 'h', evidenceSize: 1, evidenceMime: 'a/b' })).status).toBe(404);
    expect((await request(app).get('/api/v1/users/ghost-user/kyc').set('Authorization', auth)).status).toBe(404);
    expect(await outboxRows(h.pool)).toHaveLength(0);
  });
});
