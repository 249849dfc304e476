import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_HOSTNAME, type EdgeCerts } from '../../sandbox/edge/certs';
import type { StartedEdge } from '../../sandbox/edge/regional-edge';
import { edgeRequest, headerCount, startEdgeUnderTest, type EdgeUnderTest, type startUpstreams } from './helpers';

const EDGE4 = ['Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Content-Security-Policy'];

let certs: EdgeCerts;
let under: EdgeUnderTest;
let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
let edge: StartedEdge;
const get = (path: string, options: Parameters<typeof edgeRequest>[2] = {}) => edgeRequest(edge.directHttpsUrl, path, { caPem: certs.caPem, ...options });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tlsConnect(version: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: edge.ports.https, servername: EDGE_HOSTNAME, ca: certs.caPem, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' });
    socket.once('secureConnect', () => { resolve(`${socket.getProtocol()} ${socket.authorized}`); socket.destroy(); });
    socket.once('error', (error) => resolve(`refused ${(error as NodeJS.ErrnoException).code}`));
  });
}

beforeAll(async () => {
  under = await startEdgeUnderTest('asia', 5);
  ({ certs, upstreams, edge } = under);
});

afterAll(async () => {
  await under?.stop();
});

describe('regional edge (real nginx)', () => {
  it('offers TLS 1.2 and 1.3 with a trusted chain and refuses TLS 1.0/1.1', async () => {
    expect(await tlsConnect('TLSv1.3')).toBe('TLSv1.3 true');
    expect(await tlsConnect('TLSv1.2')).toBe('TLSv1.2 true');
    expect(await tlsConnect('TLSv1')).toMatch(/^refused/);
    expect(await tlsConnect('TLSv1.1')).toMatch(/^refused/);
  });

  it('sends each EDGE-4 header exactly once, hides X-Powered-By and the nginx version', async () => {
    for (const path of ['/identity/api/v1/users/u1', '/nowhere']) {
      const reply = await get(path);
      for (const name of EDGE4) expect(headerCount(reply, name), `${name} on ${path}`).toBe(1);
      expect(reply.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
      expect(reply.headers['x-powered-by']).toBeUndefined();
      expect(reply.headers.server).toBe('nginx');
    }
  });

  it('routes each prefix to its service with the prefix stripped and the query unchanged', async () => {
    const reply = await get('/tax/api/v1/fees/calculate?amount=10&x=%20y');
    expect(reply.status).toBe(200);
    const last = upstreams.seen.at(-1)!;
    expect(last.service).toBe('tax');
    expect(last.url).toBe('/api/v1/fees/calculate?amount=10&x=%20y');
    expect(last.headers['x-forwarded-proto']).toBe('https');
    await get('/identity/api/v1/auth/login', { headers: { 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.9', 'X-Request-Id': 'abc-123' } });
    const login = upstreams.seen.at(-1)!;
    expect(login).toMatchObject({ service: 'identity', url: '/api/v1/auth/login' });
    // EDGE-9: no trusted proxies, so the socket address replaces client-supplied values.
    expect(login.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(login.headers['x-real-ip']).toBe('127.0.0.1');
    expect(login.headers['x-request-id']).toBe('abc-123');
  });

  it.each(['/api/v1/transfers', '/taxes/api/v1/x', '/identity/metrics', '/tax/metrics/', '/identity/.env', '/identity'])('%s → 404 E1 from the edge', async (path) => {
    const before = upstreams.seen.length;
    const reply = await get(path);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.json()).toEqual({ error: 'Not Found', message: `Route GET ${path} not found` });
    expect(upstreams.seen.length).toBe(before);
  });

  it('port 80 redirects to https://api.gxcoin.money with path and query, and serves the ACME path', async () => {
    const reply = await edgeRequest(edge.httpUrl, '/identity/api/v1/users?page=2');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('https://api.gxcoin.money/identity/api/v1/users?page=2');
    await writeFile(join(edge.acmeDir, 'token-1'), 'proof-1');
    const acme = await edgeRequest(edge.httpUrl, '/.well-known/acme-challenge/token-1');
    expect([acme.status, acme.body]).toEqual([200, 'proof-1']);
  });

  it('answers 413 E1 for a body over 10 MB', async () => {
    const reply = await get('/identity/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(10 * 1024 * 1024 + 10, 32) });
    expect(reply.status).toBe(413);
    expect(reply.json()).toEqual({ error: 'Payload Too Large', message: 'Request body too large' });
  });

  it('errors nginx answers itself are E1 JSON, not HTML (405, oversized headers → 400)', async () => {
    const trace = await get('/identity/api/v1/users', { method: 'TRACE' });
    expect(trace.status).toBe(405);
    expect(trace.json()).toMatchObject({ error: 'Method Not Allowed' });
    const big = await get('/identity/api/v1/users', { headers: { 'X-Big': 'x'.repeat(20_000) } });
    expect(big.status).toBe(400);
    expect(big.json()).toMatchObject({ error: 'Bad Request' });
  });

  it('/health reflects its backends: 200 when all are up, 503 E1 when one is down', async () => {
    const up = await get('/health');
    expect(up.status).toBe(200);
    expect(up.json()).toMatchObject({ status: 'healthy', region: 'asia', backends: { identity: 'up', tax: 'up' } });
    await upstreams.close('governance');
    const down = await get('/health');
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unhealthy', region: 'asia', error: 'Service Unavailable', backends: { governance: 'down', tax: 'up' } });
    expect(down.body).not.toMatch(/127\.0\.0\.1|localhost/);
    // EDGE-11: traffic to the stopped service → 502 E1.
    const bad = await get('/governance/api/v1/proposals');
    expect(bad.status).toBe(502);
    expect(bad.json()).toMatchObject({ error: 'Bad Gateway' });
    // edge-static-health breaks exactly that: a static 200 whatever the backends do.
    await edge.faults.set(['edge-static-health']);
    const fixed = await get('/health');
    expect(fixed.status).toBe(200);
    expect(fixed.json().status).toBe('healthy');
    await edge.faults.set([]);
    expect((await get('/health')).status).toBe(503);
  });

  it('rate limits 10 r/s burst 20 per client IP → 429 E1 with Retry-After, and recovers', async () => {
    await sleep(2500);
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 40 }, () => get('/tax/api/v1/fees')));
    const elapsedS = (Date.now() - started) / 1000;
    const passed = replies.filter((r) => r.status === 200).length;
    const limited = replies.filter((r) => r.status === 429);
    expect(passed + limited.length).toBe(40);
    // 1 + burst 20 at once, plus what 10 r/s refills while the 40 handshakes are in flight.
    expect(passed).toBeGreaterThanOrEqual(21);
    expect(passed).toBeLessThanOrEqual(21 + Math.ceil(10 * elapsedS));
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited[0].json()).toEqual({ error: 'Too Many Requests', message: 'Too many requests' });
    expect(limited[0].headers['retry-after']).toBe('1');
    expect(headerCount(limited[0], 'Strict-Transport-Security')).toBe(1);
    // /health is not limited while the bucket is empty.
    expect((await get('/health')).status).not.toBe(429);
    await sleep(2000);
    expect((await get('/tax/api/v1/fees')).status).toBe(200);
  });
});
