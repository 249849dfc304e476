import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, redactArtifact, redactResult, REDACTED } from '../../src/evidence/redact';
import type { CheckResult } from '../../src/evidence/types';

const SECRET = 'sandbox-jwt-secret-8c1f0e';
const redact = createRedactor([SECRET, 'P@ss word/1']);

describe('redaction', () => {
  it('removes profile secrets, also JSON-escaped, URL-encoded and base64', () => {
    const text = `secret=${SECRET} json="${SECRET}" url=${encodeURIComponent('P@ss word/1')} b64=${Buffer.from(SECRET).toString('base64')}`;
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('P%40ss');
    expect(out).not.toContain(Buffer.from(SECRET).toString('base64').replace(/=+$/, ''));
  });

  it('removes Authorization and Cookie header values in raw, curl and JSON forms', () => {
    const raw = 'GET /x\nAuthorization: Basic dXNlcjpwYXNz\nCookie: sid=abc123\nAccept: */*';
    expect(redact(raw)).toBe(`GET /x\nAuthorization: ${REDACTED}\nCookie: ${REDACTED}\nAccept: */*`);
    expect(redact(`curl -H 'authorization: Bearer abc.def' -H 'x: y'`)).toBe(`curl -H 'authorization: ${REDACTED}' -H 'x: y'`);
    expect(redact('{"Authorization":"Basic zzz","set-cookie":"a=b"}')).toBe(`{"Authorization":"${REDACTED}","set-cookie":"${REDACTED}"}`);
  });

  it('removes Bearer tokens and JWT-looking strings, including alg none tokens', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz';
    expect(redact(`token was ${jwt} ok`)).toBe(`token was ${REDACTED} ok`);
    expect(redact('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe(REDACTED);
    expect(redact('Bearer opaque-token_123')).toBe(`Bearer ${REDACTED}`);
  });

  it('removes PEM private keys, whole or cut off', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = pem.split('\n')[1];
    expect(redact(`key:\n${pem}\nend`)).not.toContain(body);
    expect(redact(`key:\n${pem.slice(0, 80)}`)).not.toContain(body.slice(0, 20));
    expect(redact(JSON.stringify({ k: pem }))).not.toContain(body);
  });

  it('removes credential-named JSON fields and key=value pairs, keeping ordinary fields', () => {
    const body = '{"email":"a@b.test","password":"hunter22","passwordHash":"$2a$10$abc","refreshToken":"r1","jwtSecret":"s","tokenomics":"/tokenomics"}';
    const out = redact(body);
    expect(JSON.parse(out)).toEqual({
      email: 'a@b.test', password: REDACTED, passwordHash: REDACTED, refreshToken: REDACTED, jwtSecret: REDACTED, tokenomics: '/tokenomics',
    });
    expect(redact('/login?user=a&password=hunter22&x=1')).toBe(`/login?user=a&password=${REDACTED}&x=1`);
  });

  it('removes passwords from URLs and DSNs', () => {
    expect(redact('postgres://gx:s3cr3tpw@127.0.0.1:5432/gx')).toBe(`postgres://gx:${REDACTED}@127.0.0.1:5432/gx`);
  });

  it('redacts whole check results and text artifacts, and leaves binary artifacts alone', () => {
    const result: CheckResult = {
      id: 'X', layer: 'integration', title: 't', status: 'fail', criteria: [], region: null, endpoint: null, durationMs: 1,
      message: `got ${SECRET}`, measurements: { note: SECRET }, evidence: [{ request: `Authorization: Bearer ${SECRET}` }],
    };
    expect(JSON.stringify(redactResult(result, redact))).not.toContain(SECRET);
    expect(String(redactArtifact(Buffer.from(`x ${SECRET}`), redact))).not.toContain(SECRET);
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x81]);
    expect(redactArtifact(binary, redact)).toBe(binary);
  });
});
