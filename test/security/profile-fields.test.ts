import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';

/** The profile fields the security layer reads: regions[].httpUrl, scan, cors. */

const SECRET = 'gxv-test-secret-0123456789abcdef-0123456789';
const env = { GX_JWT_SECRET: SECRET };
const profile = (regions: string, extra = '') => `name: t
regions:
${regions}
auth: { mode: mint, secret: { env: GX_JWT_SECRET } }
${extra}`;

describe('security profile fields', () => {
  it('httpUrl, scan paths (relative to the profile) and allowed origins reach the Target', () => {
    const parsed = parseProfileText(profile(
      '  - { name: asia, baseUrl: "https://api.gxcoin.money:8443/", connectTo: "127.0.0.1:8443", httpUrl: "http://127.0.0.1:8080/" }',
      'scan: { configPaths: [k8s/config, /etc/gx/nginx.conf], logPaths: [logs/services.log] }\ncors: { allowedOrigins: [https://app.gxcoin.money] }',
    ), 'yaml', '/srv/profiles', { env });
    expect(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n')).toBe(true);
    if (!parsed.ok) return;
    const target = resolveTarget(parsed.profile, { env });
    expect(target.regions[0].httpUrl).toBe('http://127.0.0.1:8080');
    expect(target.scan).toEqual({ configPaths: ['/srv/profiles/k8s/config', '/etc/gx/nginx.conf'], logPaths: ['/srv/profiles/logs/services.log'] });
    expect(target.cors).toEqual({ allowedOrigins: ['https://app.gxcoin.money'] });
  });

  it('without the sections, scan and cors are null and httpUrl is null', () => {
    const parsed = parseProfileText(profile('  - { name: eu, baseUrl: "https://api.gxcoin.money" }'), 'yaml', '/srv', { env });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const target = resolveTarget(parsed.profile, { env });
    expect([target.scan, target.cors, target.regions[0].httpUrl]).toEqual([null, null, null]);
  });

  it('httpUrl on a services region is rejected with its field path', () => {
    const services = Object.fromEntries(['identity', 'tokenomics', 'organization', 'loanpool', 'governance', 'admin', 'tax'].map((k, i) => [k, `http://127.0.0.1:${3001 + i}`]));
    const parsed = parseProfileText(JSON.stringify({ name: 't', regions: [{ name: 'local', services, httpUrl: 'http://127.0.0.1:80' }], auth: { mode: 'mint', secret: { env: 'GX_JWT_SECRET' } } }), 'json', '/srv', { env });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.join('\n')).toMatch(/regions\[0\]\.httpUrl: httpUrl applies only to a baseUrl region/);
  });
});
