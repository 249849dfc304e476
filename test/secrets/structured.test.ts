import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFinding, scanPaths } from '../../src/secrets/index';
import { decodeBase64Text, structuredValues } from '../../src/secrets/structured';

const dir = mkdtempSync(join(tmpdir(), 'gxv-structured-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (text: string) => Buffer.from(text).toString('base64');
const jwtSecret = randomBytes(48).toString('base64url');
const dbPassword = 'Sup3rS3cretPw';
const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();

/** A Secret whose data hides the JWT secret and a DSN in base64, and whose stringData holds a PEM block. */
const secretManifest = [
  'apiVersion: v1',                                   // 1
  'kind: Secret',                                     // 2
  'metadata:',                                        // 3
  '  name: gx-secrets',                               // 4
  '  namespace: backend-mainnet',                     // 5
  'type: Opaque',                                     // 6
  'data:',                                            // 7
  `  JWT_SECRET: ${b64(jwtSecret)}`,                  // 8
  `  DATABASE_URL: ${b64(`postgresql://gx:${dbPassword}@postgres:5432/gx`)}`, // 9
  `  LOGO: ${Buffer.from([0, 1, 2, 255, 254]).toString('base64')}`,          // 10 binary: not text
  'stringData:',                                      // 11
  '  signing.pem: |',                                 // 12
  ...pem.split('\n').map((l) => `    ${l}`),
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: gx-config',
  'data:',
  '  NODE_ENV: production',
  '  JWT_SECRET_FILE: /run/secrets/jwt',
  '  API_TOKEN: tok-7f3a9c2e8b1d4f60',
].join('\n');

describe('values a line scan cannot see whole', () => {
  it('decodes base64 only when it is text', () => {
    expect(decodeBase64Text(b64('hello world'))).toBe('hello world');
    expect(decodeBase64Text(Buffer.from([0, 1, 2, 255]).toString('base64'))).toBeNull();
    expect(decodeBase64Text('not base64!')).toBeNull();
  });

  it('reads Secret data (decoded), stringData and ConfigMap data with the line of each value', () => {
    const values = structuredValues(secretManifest, 'k8s/secrets.yaml');
    const byLabel = new Map(values.map((v) => [v.label, v]));
    expect(byLabel.get('Secret backend-mainnet/gx-secrets data.JWT_SECRET (base64-decoded)')).toMatchObject({ value: jwtSecret, line: 8, decoded: true });
    expect(byLabel.get('Secret backend-mainnet/gx-secrets stringData.signing.pem')).toMatchObject({ line: 12, decoded: false });
    expect(byLabel.get('Secret backend-mainnet/gx-secrets stringData.signing.pem')!.value.trim()).toBe(pem);
    expect(byLabel.get('ConfigMap default/gx-config data.API_TOKEN')?.value).toBe('tok-7f3a9c2e8b1d4f60');
    expect([...byLabel.keys()].some((l) => l.includes('LOGO'))).toBe(false);
  });

  it('reads .env values, quoted or exported', () => {
    const values = structuredValues('# comment\nexport DB_PASSWORD="p@ss word 99"\nNODE_ENV=production\n', '/srv/app/.env.production');
    expect(values).toEqual([
      expect.objectContaining({ key: 'DB_PASSWORD', value: 'p@ss word 99', line: 2, column: 21 }),
      expect.objectContaining({ key: 'NODE_ENV', value: 'production', line: 3 }),
    ]);
  });
});

describe('scanPaths on manifests and .env files', () => {
  it('reports decoded values masked with file and line, and never the value', async () => {
    const file = join(dir, 'secrets.yaml');
    writeFileSync(file, secretManifest);
    writeFileSync(join(dir, '.env'), `JWT_SECRET_FILE=/run/secrets/jwt\nREDIS_PASSWORD='r3d1s-Pa55w0rd'\n`);
    const scan = await scanPaths([dir], { known: [jwtSecret] });
    const at = (line: number, rule: string) => scan.findings.find((f) => f.source === file && f.line === line && f.rule === rule);
    expect(at(8, 'gx-verify/known-secret')).toMatchObject({ masked: `${jwtSecret.slice(0, 4)}****`, where: 'Secret backend-mainnet/gx-secrets data.JWT_SECRET (base64-decoded)' });
    expect(at(9, '@secretlint/secretlint-rule-database-connection-string')?.where).toMatch(/data\.DATABASE_URL \(base64-decoded\)/);
    expect(at(12, '@secretlint/secretlint-rule-privatekey')?.where).toMatch(/stringData\.signing\.pem/);
    expect(scan.findings.some((f) => f.where?.includes('API_TOKEN') && f.rule === 'gx-verify/secret-named-value')).toBe(true);
    expect(scan.findings.some((f) => f.where?.includes('JWT_SECRET_FILE'))).toBe(false);
    const env = scan.findings.filter((f) => f.source.endsWith('.env'));
    expect(env).toEqual([expect.objectContaining({ line: 2, rule: 'gx-verify/secret-named-value', masked: 'r3d1****' })]);
    const text = JSON.stringify(scan.findings) + scan.findings.map(describeFinding).join('\n');
    for (const secret of [jwtSecret, dbPassword, pem.split('\n')[1], 'r3d1s-Pa55w0rd', 'tok-7f3a9c2e8b1d4f60']) expect(text).not.toContain(secret);
    expect(describeFinding(at(8, 'gx-verify/known-secret')!)).toBe(
      `${file}:8:15 [Secret backend-mainnet/gx-secrets data.JWT_SECRET (base64-decoded)] a secret value from the profile (JWT secret, password or credentials) (gx-verify/known-secret) ${jwtSecret.slice(0, 4)}****`);
  });

  it('a file named by two profile fields (or through a link) is scanned and reported once (issue 18)', async () => {
    const sub = join(dir, 'twice');
    mkdirSync(sub);
    const file = join(sub, 'app.env');
    writeFileSync(file, `DATABASE_URL=postgresql://gx:${dbPassword}@db:5432/gx\n`);
    symlinkSync(file, join(dir, 'app-link.env'));
    const scan = await scanPaths([sub, file, join(sub, '.', 'app.env')]);
    expect(scan.filesScanned).toBe(1);
    expect(scan.findings).toHaveLength(1);
    expect(scan.findings[0]).toMatchObject({ source: file, line: 1 });
  });
});
