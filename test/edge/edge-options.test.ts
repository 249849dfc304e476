import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeCerts, type EdgeCerts } from '../../sandbox/edge/certs';
import { RegionalEdge, type StartedEdge } from '../../sandbox/edge/regional-edge';
import { edgeRequest, startUpstreams } from './helpers';

let certs: EdgeCerts;
let certDir: string;
let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
let hanging: Server;
let edge: StartedEdge;
const get = (path: string, headers: Record<string, string> = {}) => edgeRequest(edge.directHttpsUrl, path, { caPem: certs.caPem, headers });

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'gx-edge-options-'));
  certs = await createEdgeCerts(certDir);
  upstreams = await startUpstreams();
  // An admin service that never answers, to see the edge's upstream timeout.
  hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', () => resolve()));
  const port = (hanging.address() as { port: number }).port;
  edge = await new RegionalEdge({
    region: 'europe', certs, rttMs: 0, upstreamTimeoutS: 1, trustedProxies: ['127.0.0.1/32'],
    upstreams: { ...upstreams.urls, admin: `http://127.0.0.1:${port}` },
  }).start();
});
afterAll(async () => {
  await edge?.stop();
  hanging?.closeAllConnections();
  await new Promise((resolve) => hanging?.close(resolve));
  await upstreams?.closeAll();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

describe('edge options: trusted proxies (EDGE-9) and upstream timeout (EDGE-11)', () => {
  it('behind a trusted proxy the client IP comes from X-Forwarded-For', async () => {
    await get('/identity/api/v1/auth/login', { 'X-Forwarded-For': '203.0.113.7' });
    const seen = upstreams.seen.at(-1)!;
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.7');
    expect(seen.headers['x-real-ip']).toBe('203.0.113.7');
  });

  it('rate limit buckets follow the determined client IP', async () => {
    const flood = await Promise.all(Array.from({ length: 35 }, () => get('/tax/api/v1/fees', { 'X-Forwarded-For': '198.51.100.1' }).then((r) => r.status)));
    expect(flood.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await get('/tax/api/v1/fees', { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(200);
  });

  it('an upstream slower than the timeout → 504 E1', async () => {
    const started = Date.now();
    const reply = await get('/admin/api/v1/system/status');
    expect(reply.status).toBe(504);
    expect(reply.json()).toEqual({ error: 'Gateway Timeout', message: 'Upstream service timed out' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
