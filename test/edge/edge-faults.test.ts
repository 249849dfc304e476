import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_HOSTNAME, WRONG_HOSTNAME, type EdgeCerts } from '../../sandbox/edge/certs';
import type { StartedEdge } from '../../sandbox/edge/regional-edge';
import type { EdgeFaultName } from '../../sandbox/faults/edge-faults';
import { edgeRequest, headerCount, startEdgeUnderTest, type EdgeUnderTest, type startUpstreams } from './helpers';

let certs: EdgeCerts;
let under: EdgeUnderTest;
let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
let edge: StartedEdge;
const get = (path: string, options: Parameters<typeof edgeRequest>[2] = {}) => edgeRequest(edge.directHttpsUrl, path, { caPem: certs.caPem, ...options });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Hello = { ok: true; protocol: string; cipher: string; dh?: number; authorized: boolean; error?: string; san?: string } | { ok: false; error: string };
function hello(options: { version?: 'TLSv1' | 'TLSv1.2'; ciphers?: string } = {}): Promise<Hello> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1', port: edge.ports.https, servername: EDGE_HOSTNAME, ca: certs.caPem, rejectUnauthorized: false,
      minVersion: options.version ?? 'TLSv1.2', maxVersion: options.version ?? 'TLSv1.3', ciphers: options.ciphers ?? 'DEFAULT@SECLEVEL=0', minDHSize: 512,
    });
    socket.once('secureConnect', () => {
      const key = socket.getEphemeralKeyInfo() as { type?: string; size?: number };
      resolve({
        ok: true, protocol: socket.getProtocol() ?? '', cipher: socket.getCipher().name, dh: key.type === 'DH' ? key.size : undefined,
        authorized: socket.authorized, error: socket.authorizationError ? String(socket.authorizationError) : undefined,
        san: socket.getPeerCertificate().subjectaltname,
      });
      socket.destroy();
    });
    socket.once('error', (error) => resolve({ ok: false, error: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}

async function only(fault: EdgeFaultName | undefined) {
  await edge.faults.set(fault ? [fault] : []);
}

beforeAll(async () => {
  under = await startEdgeUnderTest('north-america', 0);
  ({ certs, upstreams, edge } = under);
});
afterAll(async () => {
  await under?.stop();
});

describe('edge faults change exactly their behaviour (live nginx, reloaded per fault)', () => {
  it('edge-tls10: TLS 1.0 accepted with a CBC suite; clean refuses it', async () => {
    expect((await hello({ version: 'TLSv1' })).ok).toBe(false);
    await only('edge-tls10');
    expect(await hello({ version: 'TLSv1' })).toMatchObject({ ok: true, protocol: 'TLSv1', cipher: expect.stringMatching(/^ECDHE-RSA-AES(128|256)-SHA$/) });
    expect(await hello()).toMatchObject({ ok: true, protocol: 'TLSv1.3', authorized: true });
    await only(undefined);
    expect((await hello({ version: 'TLSv1' })).ok).toBe(false);
  });

  it('edge-weak-cipher: DHE-RSA-AES128-SHA with a 1024-bit group on TLS 1.2', async () => {
    const weak = { version: 'TLSv1.2' as const, ciphers: 'DHE-RSA-AES128-SHA:@SECLEVEL=0' };
    expect((await hello(weak)).ok).toBe(false);
    await only('edge-weak-cipher');
    expect(await hello(weak)).toMatchObject({ ok: true, protocol: 'TLSv1.2', cipher: 'DHE-RSA-AES128-SHA', dh: 1024 });
    expect((await hello({ version: 'TLSv1' })).ok).toBe(false);
  });

  it('edge-expired-cert and edge-wrong-name-cert swap the served leaf', async () => {
    await only('edge-expired-cert');
    expect(await hello()).toMatchObject({ ok: true, authorized: false, error: 'CERT_HAS_EXPIRED', san: `DNS:${EDGE_HOSTNAME}` });
    await only('edge-wrong-name-cert');
    expect(await hello()).toMatchObject({ ok: true, authorized: false, error: expect.stringMatching(/ALTNAME|Hostname/i), san: `DNS:${WRONG_HOSTNAME}` });
    await only(undefined);
    expect(await hello()).toMatchObject({ ok: true, authorized: true, san: `DNS:${EDGE_HOSTNAME}` });
  });

  it('edge-no-hsts / edge-short-hsts change only Strict-Transport-Security', async () => {
    await only('edge-no-hsts');
    let reply = await get('/identity/api/v1/x');
    expect(headerCount(reply, 'Strict-Transport-Security')).toBe(0);
    expect(headerCount(reply, 'X-Frame-Options')).toBe(1);
    await only('edge-short-hsts');
    reply = await get('/identity/api/v1/x');
    expect(reply.headers['strict-transport-security']).toBe('max-age=86400; includeSubDomains');
    expect(headerCount(reply, 'Strict-Transport-Security')).toBe(1);
  });

  it('edge-duplicate-headers: the service headers pass through beside the edge ones', async () => {
    await only('edge-duplicate-headers');
    const reply = await get('/identity/api/v1/x');
    expect(headerCount(reply, 'X-Frame-Options')).toBeGreaterThanOrEqual(2);
    expect(headerCount(reply, 'Strict-Transport-Security')).toBe(2);
    expect(reply.headers['x-powered-by']).toBeUndefined();
    await only(undefined);
    expect(headerCount(await get('/identity/api/v1/x'), 'X-Frame-Options')).toBe(1);
  });

  it('edge-no-redirect: port 80 serves the API in plain HTTP', async () => {
    await only('edge-no-redirect');
    const reply = await edgeRequest(edge.httpUrl, '/loanpool/api/v1/loans');
    expect(reply.status).toBe(200);
    expect(upstreams.seen.at(-1)).toMatchObject({ service: 'loanpool', url: '/api/v1/loans' });
    expect((await get('/loanpool/api/v1/loans')).status).toBe(200);
    await only(undefined);
    expect((await edgeRequest(edge.httpUrl, '/loanpool/api/v1/loans')).status).toBe(301);
  });

  it('edge-prefix-not-stripped: services receive the public prefix', async () => {
    await only('edge-prefix-not-stripped');
    await get('/admin/api/v1/system/status');
    expect(upstreams.seen.at(-1)).toMatchObject({ service: 'admin', url: '/admin/api/v1/system/status' });
    // Health goes over the same route, so the backends now look down (EDGE-8).
    expect((await get('/health')).status).toBe(503);
    await only(undefined);
    await get('/admin/api/v1/system/status');
    expect(upstreams.seen.at(-1)).toMatchObject({ service: 'admin', url: '/api/v1/system/status' });
  });

  it('edge-no-rate-limit: 40 requests at once all pass', async () => {
    await only('edge-no-rate-limit');
    await sleep(2200);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get('/tax/api/v1/fees').then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await only(undefined);
    await sleep(2200);
    const limited = await Promise.all(Array.from({ length: 40 }, () => get('/tax/api/v1/fees').then((r) => r.status)));
    expect(limited.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('edge-static-health: /health stays 200 with a backend down', async () => {
    await upstreams.close('tax');
    expect((await get('/health')).status).toBe(503);
    await only('edge-static-health');
    const reply = await get('/health');
    expect(reply.status).toBe(200);
    expect(reply.json().backends.tax).toBe('up');
  });
});
