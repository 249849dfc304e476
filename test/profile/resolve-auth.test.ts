import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Profile } from '../../src/profile/normalise';

const SECRET = 'gxv-resolve-test-secret-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'gxv-resolve-'));

function profileOf(text: string, env: NodeJS.ProcessEnv): Profile {
  const r = parseProfileText(text, 'yaml', dir, { env });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.profile;
}

const SERVICES = `    services:
      identity: http://127.0.0.1:3001/
      tokenomics: http://127.0.0.1:3002
      organization: http://127.0.0.1:3003
      loanpool: http://127.0.0.1:3004
      governance: http://127.0.0.1:3005
      admin: http://127.0.0.1:3006
      tax: http://127.0.0.1:3007`;

describe('resolveTarget', () => {
  it('builds service URLs for both region shapes', () => {
    const p = profileOf(`name: both
regions:
  - name: asia
    baseUrl: https://api.gxcoin.money/
  - name: eu
    baseUrl: https://eu.example.test:8443
    servicePrefixes: { tax: /fees-svc }
    connectTo: 127.0.0.1:8443
  - name: local
${SERVICES}
auth: { mode: mint, secret: { env: S } }
sandbox: { control: "http://127.0.0.1:7999" }
`, { S: SECRET });
    const t = resolveTarget(p, { env: { S: SECRET } });
    const [asia, eu, local] = t.regions;
    expect(asia.serviceUrl('identity')).toBe('https://api.gxcoin.money/identity');
    expect(asia.serviceUrl('loanpool')).toBe('https://api.gxcoin.money/loanpool');
    expect(asia.edgeUrl).toBe('https://api.gxcoin.money');
    expect(eu.serviceUrl('tax')).toBe('https://eu.example.test:8443/fees-svc');
    expect(eu.serviceUrl('admin')).toBe('https://eu.example.test:8443/admin');
    expect(eu.connectTo).toBe('127.0.0.1:8443');
    expect(local.serviceUrl('identity')).toBe('http://127.0.0.1:3001');
    expect(local.serviceUrl('tax')).toBe('http://127.0.0.1:3007');
    expect(local.edgeUrl).toBeNull();
    expect(t.sandboxControl).toBe('http://127.0.0.1:7999');
    expect(t).toMatchObject({ profileName: 'both', tenantId: 'default', allowWrites: false, allowLoad: false, database: null, fabric: null });
  });

  it('collects every secret value for redaction, including the database URL password', () => {
    const env = { S: SECRET, DB: 'postgresql://gx:p%40ss%2Fword@127.0.0.1:5432/gx_protocol' };
    const t = resolveTarget(profileOf(`name: s
regions: [{ name: a, baseUrl: "http://127.0.0.1:1" }]
auth: { mode: mint, secret: { env: S } }
database: { url: { env: DB } }
`, env), { env });
    expect(t.database).toEqual({ url: env.DB });
    expect(t.secrets).toEqual([SECRET, env.DB, 'p%40ss%2Fword', 'p@ss/word']);
    const noCreds = resolveTarget(profileOf(`name: s
regions: [{ name: a, baseUrl: "http://127.0.0.1:1" }]
auth: { mode: mint, secret: { env: S } }
database: { url: "postgresql://127.0.0.1:5432/gx" }
`, env), { env });
    expect(noCreds.secrets).toEqual([SECRET]);
  });

  it('reads a region CA file as PEM text', () => {
    writeFileSync(join(dir, 'region-ca.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const t = resolveTarget(profileOf(`name: ca
regions: [{ name: a, baseUrl: "https://127.0.0.1:1", ca: region-ca.pem }]
auth: { mode: mint, secret: { env: S } }
`, { S: SECRET }), { env: { S: SECRET } });
    expect(t.regions[0].ca).toContain('BEGIN CERTIFICATE');
  });
});

describe('mint mode tokens', () => {
  const env = { S: SECRET };
  const target = (alg = 'HS256') => resolveTarget(profileOf(`name: m
tenantId: tenant-x
regions: [{ name: a, baseUrl: "http://127.0.0.1:1" }]
auth: { mode: mint, secret: { env: S }, algorithm: ${alg} }
`, env), { env });
  const key = new TextEncoder().encode(SECRET);
  const who = { profileId: 'p-1', role: 'ADMIN' as const, tenantId: 'tenant-x', email: 'a@x.test' };

  it('access tokens verify with the secret, iss gx-identity-service, aud gx-api, 15 min lifetime', async () => {
    const t = target();
    expect(t.auth).toMatchObject({ mode: 'mint', secret: SECRET, algorithm: 'HS256', issuer: 'gx-identity-service', audience: 'gx-api' });
    const token = await t.auth.accessToken(who);
    const { payload, protectedHeader } = await jwtVerify(token, key, { issuer: 'gx-identity-service', audience: 'gx-api', algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ profileId: 'p-1', role: 'ADMIN', tenantId: 'tenant-x', email: 'a@x.test' });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    expect(typeof payload.jti).toBe('string');
    const second = await jwtVerify(await t.auth.accessToken(who), key);
    expect(second.payload.jti).not.toBe(payload.jti);
    await expect(jwtVerify(token, new TextEncoder().encode('another-secret-0123456789-0123456789'))).rejects.toThrow();
  });

  it('refresh tokens carry aud gx-api-refresh and a 7 day lifetime', async () => {
    const token = await target().auth.refreshToken(who);
    const { payload } = await jwtVerify(token, key, { issuer: 'gx-identity-service', audience: 'gx-api-refresh' });
    expect(payload.exp! - payload.iat!).toBe(7 * 24 * 3600);
    await expect(jwtVerify(token, key, { audience: 'gx-api' })).rejects.toThrow();
  });

  it('honours the profile algorithm', async () => {
    const token = await target('HS512').auth.accessToken(who);
    expect(decodeProtectedHeader(token).alg).toBe('HS512');
  });
});

/** A stand-in I1 on 127.0.0.1 (plain HTTP or TLS), recording each login attempt. */
function loginHandler(calls: { email: string; password: string; host?: string }[], passwords: Record<string, string>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      const { email, password } = JSON.parse(body || '{}');
      calls.push({ email, password, host: req.headers.host });
      res.setHeader('content-type', 'application/json; charset=utf-8');
      if (req.url !== '/identity/api/v1/auth/login' || req.method !== 'POST' || passwords[email] !== password) {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: 'Unauthorized', message: 'Invalid email or password' }));
        return;
      }
      const sign = (aud: string) => new SignJWT({ profileId: `pid-${email}`, role: 'USER', tenantId: 'default' })
        .setProtectedHeader({ alg: 'HS256' }).setIssuer('gx-identity-service').setAudience(aud)
        .setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
      res.end(JSON.stringify({ accessToken: await sign('gx-api'), refreshToken: await sign('gx-api-refresh'), user: {} }));
    });
  };
}

const LOGIN_ACCOUNTS = `auth:
  mode: login
  accounts:
    USER:
      - { email: a@x.test, password: { env: PA } }
      - { email: b@x.test, password: { file: b.password } }
    ADMIN: { email: admin@x.test, password: { env: PADMIN } }
    SUPER_ADMIN: { email: super@x.test, password: { env: PSUPER } }
`;
const loginEnv = { PA: 'pw-a-123456', PADMIN: 'pw-admin-123', PSUPER: 'pw-super-123' };
const passwords = { 'a@x.test': 'pw-a-123456', 'b@x.test': 'pw-b-123456', 'admin@x.test': 'pw-admin-123', 'super@x.test': 'pw-super-123' };

describe('login mode', () => {
  const calls: { email: string; password: string; host?: string }[] = [];
  const server = createHttpServer(loginHandler(calls, passwords));
  let port = 0;
  beforeAll(async () => {
    writeFileSync(join(dir, 'b.password'), 'pw-b-123456\n');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('logs in through I1 of the first region, once per account, and collects the passwords as secrets', async () => {
    calls.length = 0;
    const t = resolveTarget(profileOf(`name: l
regions: [{ name: a, baseUrl: "http://127.0.0.1:${port}" }]
${LOGIN_ACCOUNTS}`, loginEnv), { env: loginEnv });
    expect(t.auth).toMatchObject({ mode: 'login', secret: null });
    expect(t.secrets).toEqual(expect.arrayContaining(['pw-a-123456', 'pw-b-123456', 'pw-admin-123', 'pw-super-123']));
    const asUser = await t.auth.accessToken({ profileId: 'x', role: 'USER', tenantId: 'default' });
    const again = await t.auth.accessToken({ profileId: 'x', role: 'USER', tenantId: 'default' });
    expect(again).toBe(asUser);
    const refresh = await t.auth.refreshToken({ profileId: 'x', role: 'USER', tenantId: 'default' });
    const key = new TextEncoder().encode(SECRET);
    expect((await jwtVerify(refresh, key, { audience: 'gx-api-refresh' })).payload.profileId).toBe('pid-a@x.test');
    const asB = await t.auth.accessToken({ profileId: 'y', role: 'USER', tenantId: 'default', email: 'B@x.test' });
    expect((await jwtVerify(asB, key, { audience: 'gx-api' })).payload.profileId).toBe('pid-b@x.test');
    await t.auth.accessToken({ profileId: 'z', role: 'SUPER_ADMIN', tenantId: 'default' });
    expect(calls.map((c) => c.email)).toEqual(['a@x.test', 'b@x.test', 'super@x.test']);
    expect(calls[1].password).toBe('pw-b-123456');
  });

  it('a refused login names the account and the answer, never the password', async () => {
    calls.length = 0;
    const env = { ...loginEnv, PADMIN: 'wrong-password-1' };
    const t = resolveTarget(profileOf(`name: l
regions: [{ name: a, baseUrl: "http://127.0.0.1:${port}" }]
${LOGIN_ACCOUNTS}`, env), { env });
    const failure = t.auth.accessToken({ profileId: 'x', role: 'ADMIN', tenantId: 'default' });
    await expect(failure).rejects.toThrow(/login as admin@x\.test .* failed: HTTP 401: Invalid email or password/);
    await failure.catch((e: Error) => expect(e.message).not.toContain('wrong-password-1'));
    // not cached: a second call tries again
    await expect(t.auth.accessToken({ profileId: 'x', role: 'ADMIN', tenantId: 'default' })).rejects.toThrow();
    expect(calls).toHaveLength(2);
    await expect(t.auth.accessToken({ profileId: 'x', role: 'PARTNER_API', tenantId: 'default' })).rejects.toThrow(/no PARTNER_API account/);
  });
});

describe('login through a TLS edge reached with connectTo and a profile CA', () => {
  const calls: { email: string; password: string; host?: string }[] = [];
  let server: ReturnType<typeof createHttpsServer>;
  let port = 0;
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'edge.key'), '-out', join(dir, 'edge.pem'), '-days', '1', '-subj', '/CN=gxv-edge.test',
      '-addext', 'subjectAltName=DNS:gxv-edge.test'], { stdio: 'ignore' });
    server = createHttpsServer({ key: readFileSync(join(dir, 'edge.key')), cert: readFileSync(join(dir, 'edge.pem')) },
      loginHandler(calls, passwords));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('dials 127.0.0.1 but verifies the certificate for the edge host name', async () => {
    const text = (ca: string) => `name: edge
regions:
  - { name: asia, baseUrl: "https://gxv-edge.test:${port}", connectTo: "127.0.0.1:${port}"${ca} }
${LOGIN_ACCOUNTS}`;
    const t = resolveTarget(profileOf(text(', ca: edge.pem'), loginEnv), { env: loginEnv });
    const token = await t.auth.accessToken({ profileId: 'x', role: 'USER', tenantId: 'default' });
    expect(token.split('.')).toHaveLength(3);
    expect(calls.at(-1)?.host).toBe(`gxv-edge.test:${port}`);
    // without the CA the self-signed edge certificate is refused
    const untrusted = resolveTarget(profileOf(text(''), loginEnv), { env: loginEnv });
    await expect(untrusted.auth.accessToken({ profileId: 'x', role: 'USER', tenantId: 'default' })).rejects.toThrow(/self[- ]signed/i);
  });
});
