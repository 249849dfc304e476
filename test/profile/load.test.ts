import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfileData, parseProfileText } from '../../src/profile/load';

const dir = resolve(__dirname, '../../fixtures/profiles');
const fixture = (name: string) => join(dir, name);
const SECRET = 'gxv-test-secret-0123456789abcdef-0123456789';
const env = {
  GX_JWT_SECRET: SECRET,
  GX_DATABASE_URL: 'postgresql://gx:p%40ss@127.0.0.1:5432/gx_protocol',
  GXV_USER_A_PASSWORD: 'pw-a-123456', GXV_USER_B_PASSWORD: 'pw-b-123456', GXV_ADMIN_PASSWORD: 'pw-admin-1',
  GXV_SUPER_PASSWORD: 'pw-super-1', GXV_PARTNER_PASSWORD: 'pw-partner-1',
};
const KNOWN = ['FUNC-1', 'SEC-3', 'OPS-3'];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gxv-profile-'));
}

const minimal = (extra = '') => `name: t
regions:
  - name: local
    baseUrl: http://127.0.0.1:8080
auth:
  mode: mint
  secret: { env: GX_JWT_SECRET }
${extra}`;

describe('valid example profiles', () => {
  it('local-services.example.yaml loads with its defaults', async () => {
    const r = await loadProfile(fixture('local-services.example.yaml'), { env, knownCriteria: KNOWN });
    expect(r).toMatchObject({ ok: true, warnings: [] });
    if (!r.ok) return;
    const p = r.profile;
    expect(p.name).toBe('local-services');
    expect(p.regions[0]).toMatchObject({ kind: 'services', name: 'local', connectTo: null, ca: null });
    expect(p.auth).toMatchObject({ mode: 'mint', issuer: 'gx-identity-service', audience: 'gx-api', algorithm: 'HS256' });
    expect(p.allowWrites).toBe(true);
    expect(p.allowLoad).toEqual({ maxRequests: 20000, maxDurationS: 600 });
    expect(p.thresholds).toEqual({ p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' });
    expect(p.sandbox).toBeNull();
  });

  it('testnet.example.yaml: three edge regions with the contract prefixes, login accounts', async () => {
    const r = await loadProfile(fixture('testnet.example.yaml'), { env, knownCriteria: KNOWN });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile.regions.map((x) => x.name)).toEqual(['asia', 'north-america', 'europe']);
    const asia = r.profile.regions[0];
    expect(asia.kind).toBe('edge');
    if (asia.kind === 'edge') expect(asia.prefixes).toEqual({
      identity: '/identity', tokenomics: '/tokenomics', organization: '/organization', loanpool: '/loanpool',
      governance: '/governance', admin: '/admin', tax: '/tax',
    });
    expect(r.profile.auth.mode).toBe('login');
    if (r.profile.auth.mode === 'login') expect(r.profile.auth.accounts.USER).toHaveLength(2);
    expect(r.profile.kubernetes).toEqual({ context: 'gx-testnet', namespace: 'backend-mainnet' });
    expect(r.profile.allowWrites).toBe(false);
    expect(r.profile.allowLoad).toBe(false);
    expect(r.profile.waivers).toEqual([{ criterion: 'OPS-3', reason: 'Runbooks are reviewed outside the API', approvedBy: 'release-manager' }]);
  });

  it('a JSON profile with a sandbox section and defaults for everything optional', () => {
    const json = JSON.stringify({
      name: 'sandbox',
      regions: [{ name: 'local', baseUrl: 'https://127.0.0.1:8443/', connectTo: '127.0.0.1:8443' }],
      auth: { mode: 'mint', secret: { env: 'GX_JWT_SECRET' }, algorithm: 'HS384' },
      sandbox: { control: 'http://127.0.0.1:7999' },
    });
    const r = parseProfileText(json, 'json', tmp(), { env });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile).toMatchObject({
      tenantId: 'default', allowWrites: false, allowLoad: false, waivers: [], sandbox: { control: 'http://127.0.0.1:7999' },
      auth: { algorithm: 'HS384' }, regions: [{ kind: 'edge', baseUrl: 'https://127.0.0.1:8443', connectTo: '127.0.0.1:8443' }],
    });
  });
});

describe('bad profiles list every problem with its field path', () => {
  const cases: [file: string, errors: string[]][] = [
    ['bad-missing-service.yaml', ['regions[1].services.tax: Required']],
    ['bad-inline-secret.yaml', [
      'auth.secret: inline secrets are not allowed here: reference it as { env: NAME } or { file: path } (path relative to the profile file)',
    ]],
    ['bad-many.yaml', [
      'name: Required',
      'regions[0]: a region needs either baseUrl (edge) or services (one URL per service)',
      'regions[1].servicePrefixes.identity: a path starting with /',
      'auth.accounts.USER.password: inline secrets are not allowed here: reference it as { env: NAME } or { file: path } (path relative to the profile file)',
      'auth.accounts.ADMIN.password: Required',
      'auth.accounts.SUPER_ADMIN: Required',
      'allowLoad.maxRequests: Too small: expected number to be >0',
      'thresholds.p95Ms: Invalid input: expected number, received string',
      'waivers[0].approvedBy: Required',
      'allowWrite: unknown key (not part of the profile format)',
    ]],
    ['bad-rules.yaml', [
      'regions[1].name: duplicate region name "asia" (also regions[0])',
      'regions[0].baseUrl: must be http(s), got ftp:',
      'auth.secret: secret does not resolve: environment variable GXV_TEST_UNSET_SECRET_VARIABLE is not set',
      `database.url: secret does not resolve: file ${fixture('no-such-database-url.txt')} does not exist`,
      'waivers[0].criterion: unknown criterion id "NOPE-1"',
      'thresholds.errorRate: must be a fraction between 0 and 1',
      'thresholds.tlsGrade: must be one of A+, A, A-, B, C, D, E, F, T, M',
    ]],
  ];
  it.each(cases)('%s', async (file, errors) => {
    const r = await loadProfile(fixture(file), { env, knownCriteria: KNOWN });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(errors);
  });

  it('a YAML syntax error names the line', async () => {
    const r = await loadProfile(fixture('bad-syntax.yaml'), { env });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^\(profile\): invalid YAML: .*line \d+/)]);
  });

  it('a missing file, a non-mapping document and invalid JSON are errors, not throws', async () => {
    const missing = await loadProfile(join(tmp(), 'nope.yaml'));
    expect(missing).toMatchObject({ ok: false, errors: [expect.stringMatching(/nope\.yaml does not exist$/)] });
    expect(parseProfileText('- a\n- b\n', 'yaml', tmp())).toMatchObject({ ok: false, errors: ['(profile): expected a mapping of profile sections'] });
    expect(parseProfileText('{"name": ', 'json', tmp())).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\(profile\): invalid JSON/)] });
  });

  it('both region shapes at once, a services region with edge-only keys, connectTo format', () => {
    const text = `name: t
regions:
  - name: a
    baseUrl: https://x.test
    services: { identity: http://127.0.0.1:1 }
  - name: b
    connectTo: nowhere
    baseUrl: https://x.test
auth: { mode: mint, secret: { env: GX_JWT_SECRET } }
`;
    const r = parseProfileText(text, 'yaml', tmp(), { env });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([
      'regions[0].services.tokenomics: Required', 'regions[0].services.organization: Required', 'regions[0].services.loanpool: Required',
      'regions[0].services.governance: Required', 'regions[0].services.admin: Required', 'regions[0].services.tax: Required',
      'regions[0]: give either baseUrl or services, not both',
      'regions[1].connectTo: host:port',
    ]);
  });

  it('login mode: a USER list must hold two different users; auth mode must be known', () => {
    const login = `name: t
regions: [{ name: a, baseUrl: "http://127.0.0.1:1" }]
auth:
  mode: login
  accounts:
    USER: [{ email: u@x.test, password: { env: P } }, { email: U@x.test, password: { env: P } }]
    ADMIN: { email: a@x.test, password: { env: P } }
    SUPER_ADMIN: { email: s@x.test, password: { env: P } }
`;
    expect(parseProfileText(login, 'yaml', tmp(), { env: { P: 'pw' } }))
      .toMatchObject({ ok: false, errors: ['auth.accounts.USER[1].email: the two USER accounts must be different users'] });
    const unknownMode = parseProfileText(minimal().replace('mode: mint', 'mode: oauth'), 'yaml', tmp(), { env });
    expect(unknownMode.ok).toBe(false);
    if (!unknownMode.ok) expect(unknownMode.errors[0]).toMatch(/^auth\.mode: /);
  });
});

describe('in-memory profiles', () => {
  it('parseProfileData validates an object like a file', () => {
    const data = { name: 'mem', regions: [{ name: 'local', baseUrl: 'http://127.0.0.1:9' }], auth: { mode: 'mint', secret: { env: 'GX_JWT_SECRET' } } };
    expect(parseProfileData(data, tmp(), { env })).toMatchObject({ ok: true, profile: { name: 'mem' } });
    expect(parseProfileData({ ...data, regions: [] }, tmp(), { env })).toMatchObject({ ok: false, errors: ['regions: at least one region'] });
  });
});

describe('secret references', () => {
  it('env refs: unset and empty variables are errors', () => {
    const unset = parseProfileText(minimal(), 'yaml', tmp(), { env: {} });
    expect(unset).toMatchObject({ ok: false, errors: ['auth.secret: secret does not resolve: environment variable GX_JWT_SECRET is not set'] });
    const empty = parseProfileText(minimal(), 'yaml', tmp(), { env: { GX_JWT_SECRET: '' } });
    expect(empty).toMatchObject({ ok: false, errors: ['auth.secret: secret does not resolve: environment variable GX_JWT_SECRET is empty'] });
  });

  it('file refs resolve relative to the profile file; missing and unreadable files are errors', () => {
    const d = tmp();
    writeFileSync(join(d, 'jwt.secret'), `${SECRET}\n`);
    const good = parseProfileText(minimal().replace('{ env: GX_JWT_SECRET }', '{ file: ./jwt.secret }'), 'yaml', d, { env: {} });
    expect(good).toMatchObject({ ok: true, warnings: [] });
    const missing = parseProfileText(minimal().replace('{ env: GX_JWT_SECRET }', '{ file: gone.secret }'), 'yaml', d, { env: {} });
    expect(missing).toMatchObject({ ok: false, errors: [`auth.secret: secret does not resolve: file ${join(d, 'gone.secret')} does not exist`] });
    if (process.getuid?.() !== 0) { // root reads anything; the unreadable case only means something for other users
      writeFileSync(join(d, 'locked.secret'), SECRET);
      chmodSync(join(d, 'locked.secret'), 0o000);
      const locked = parseProfileText(minimal().replace('{ env: GX_JWT_SECRET }', '{ file: locked.secret }'), 'yaml', d, { env: {} });
      expect(locked.ok).toBe(false);
    }
  });

  it('inline secrets: rejected for auth.secret and passwords, warned for database.url', () => {
    const inlinePw = `name: t
regions: [{ name: a, baseUrl: "http://127.0.0.1:1" }]
auth:
  mode: login
  accounts:
    USER: { email: u@x.test, password: hunter2hunter2 }
    ADMIN: { email: a@x.test, password: { env: P } }
    SUPER_ADMIN: { email: s@x.test, password: 12345678 }
`;
    const r = parseProfileText(inlinePw, 'yaml', tmp(), { env: { P: 'pw' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(2);
      expect(r.errors[0]).toMatch(/^auth\.accounts\.USER\.password: inline secrets are not allowed here: reference it as \{ env: NAME \}/);
      expect(r.errors[1]).toMatch(/^auth\.accounts\.SUPER_ADMIN\.password: expected a secret reference/);
      expect(r.errors.join('\n')).not.toContain('hunter2');
    }
    const db = parseProfileText(minimal('database: { url: "postgresql://gx:pw@127.0.0.1:5432/gx" }'), 'yaml', tmp(), { env });
    expect(db).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^database\.url: inline database URL/)] });
    const badDb = parseProfileText(minimal('database: { url: "mysql://127.0.0.1/gx" }'), 'yaml', tmp(), { env });
    expect(badDb).toMatchObject({ ok: false, errors: ['database.url: must be postgresql:// or postgres://, got mysql:'] });
  });

  it('a short mint secret is a warning (the contract wants ≥ 32 characters)', () => {
    const r = parseProfileText(minimal(), 'yaml', tmp(), { env: { GX_JWT_SECRET: 'short' } });
    expect(r).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^auth\.secret: shorter than the 32/)] });
  });
});

describe('rules', () => {
  it('waivers are checked against the known criteria only when a list is given', () => {
    const text = minimal('waivers: [{ criterion: XYZ-9, reason: r, approvedBy: me }]');
    expect(parseProfileText(text, 'yaml', tmp(), { env }).ok).toBe(true);
    expect(parseProfileText(text, 'yaml', tmp(), { env, knownCriteria: KNOWN }))
      .toMatchObject({ ok: false, errors: ['waivers[0].criterion: unknown criterion id "XYZ-9"'] });
  });

  it('thresholds: ranges checked, extra keys allowed', () => {
    const ok = parseProfileText(minimal('thresholds: { p95Ms: 300, stressP95Ms: 2000, note: nightly }'), 'yaml', tmp(), { env });
    expect(ok.ok && ok.profile.thresholds).toEqual({ p95Ms: 300, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+', stressP95Ms: 2000, note: 'nightly' });
    const bad = parseProfileText(minimal('thresholds: { p95Ms: 0, dbQueryP95Ms: -1 }'), 'yaml', tmp(), { env });
    expect(bad).toMatchObject({ ok: false, errors: ['thresholds.p95Ms: must be a number > 0 and ≤ 600000', 'thresholds.dbQueryP95Ms: must be a number > 0 and ≤ 600000'] });
  });

  it('files named by the profile must exist: region ca, fabric credentials, manifests folder', () => {
    const d = tmp();
    writeFileSync(join(d, 'ca.pem'), 'pem');
    const text = `name: t
regions:
  - { name: a, baseUrl: "https://127.0.0.1:1", ca: ca.pem }
  - { name: b, baseUrl: "https://127.0.0.1:2", ca: missing-ca.pem }
auth: { mode: mint, secret: { env: GX_JWT_SECRET } }
fabric: { endpoint: "127.0.0.1:7051", tlsCaCert: ca.pem, mspId: Org1MSP, certPath: cert.pem, keyPath: key.pem }
kubernetes: { manifests: ./ca.pem }
`;
    const r = parseProfileText(text, 'yaml', d, { env });
    expect(r).toMatchObject({
      ok: false,
      errors: [
        `regions[1].ca: ${join(d, 'missing-ca.pem')} does not exist`,
        `fabric.certPath: ${join(d, 'cert.pem')} does not exist`,
        `fabric.keyPath: ${join(d, 'key.pem')} does not exist`,
        `kubernetes.manifests: ${join(d, 'ca.pem')} is not a folder`,
      ],
    });
  });
});
