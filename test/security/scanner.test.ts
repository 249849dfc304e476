import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFinding, maskSecret, scanPaths, scanText } from '../../src/secrets/index';

const dir = mkdtempSync(join(tmpdir(), 'gxv-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets scanner (secretlint recommended preset + contract rules)', () => {
  it('finds a PEM private key, the known JWT secret and a DSN with a password, masked with file:line', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwtSecret = randomBytes(48).toString('base64url');
    const file = join(dir, 'deploy.env');
    writeFileSync(file, [
      'NODE_ENV=production',
      `JWT_SECRET=${jwtSecret}`,
      'DATABASE_URL=postgresql://gx:Sup3rS3cretPw@postgres:5432/gx_protocol',
      pem.trim(),
      'LOG_LEVEL=info',
    ].join('\n'));
    const scan = await scanPaths([dir], { known: [jwtSecret] });
    expect(scan.filesScanned).toBe(1);
    const byLine = new Map(scan.findings.map((f) => [f.line, f]));
    expect(byLine.get(2)).toMatchObject({ source: file, rule: 'gx-verify/known-secret', column: 12, masked: `${jwtSecret.slice(0, 4)}****` });
    expect(byLine.get(3)?.rule).toBe('@secretlint/secretlint-rule-database-connection-string');
    expect(byLine.get(4)?.rule).toBe('@secretlint/secretlint-rule-privatekey');
    expect(scan.findings.map((f) => f.line).sort()).toEqual([2, 3, 4]);
    const text = JSON.stringify(scan.findings) + scan.findings.map(describeFinding).join('\n');
    expect(text).not.toContain(jwtSecret);
    expect(text).not.toContain('Sup3rS3cretPw');
    expect(text).not.toContain(pem.split('\n')[1]);
    expect(describeFinding(byLine.get(2)!)).toBe(`${file}:2:12 a secret value from the profile (JWT secret, password or credentials) (gx-verify/known-secret) ${jwtSecret.slice(0, 4)}****`);
  });

  it('finds bearer tokens and Authorization fields in JSON log lines, and bcrypt hashes', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJwcm9maWxlSWQiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXZhbHVlLXh4eA';
    const hash = '$2b$10$abcdefghijklmnopqrstuuJ2Kc6yXq1QeUvC8wq4y2Wmh7o4a0xyz';
    const findings = await scanText([
      JSON.stringify({ level: 'info', msg: 'request', authorization: `Bearer ${jwt}` }),
      JSON.stringify({ user: { passwordHash: hash } }),
    ].join('\n'), 'services.log');
    expect(findings.map((f) => [f.line, f.rule])).toEqual([[1, 'gx-verify/bearer-token'], [2, 'gx-verify/password-hash']]);
    expect(findings[0].masked).toBe('eyJh****');
  });

  it('a clean config and log give no findings', async () => {
    const clean = join(dir, 'clean');
    writeFileSync(join(dir, 'clean.env'), 'NODE_ENV=production\nJWT_SECRET_FILE=/run/secrets/jwt\nDATABASE_URL_FILE=/run/secrets/db\nALLOWED_ORIGINS=https://app.gxcoin.money\n');
    const scan = await scanPaths([join(dir, 'clean.env')], { known: ['a-secret-that-is-not-there'] });
    expect(scan).toMatchObject({ findings: [], filesScanned: 1 });
    expect(await scanText('{"level":"info","msg":"request","method":"GET","path":"/health","status":200}', 'log')).toEqual([]);
    const missing = await scanPaths([clean]);
    expect(missing.skipped).toEqual([{ path: clean, reason: 'ENOENT' }]);
  });

  it('masks to the first four characters', () => {
    expect(maskSecret('abcdefgh')).toBe('abcd****');
  });
});
