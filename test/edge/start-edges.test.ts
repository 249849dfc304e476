import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_HOSTNAME } from '../../sandbox/edge/certs';
import { startEdges, type StartedEdges } from '../../sandbox/edge/start-edges';
import { edgeRequest, startUpstreams } from './helpers';

let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
let edges: StartedEdges;

/** Time for a TLS handshake (two round trips in TLS 1.3 with the TCP connect) through the given URL. */
function handshakeMs(url: string, caPem: string): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host: '127.0.0.1', port: Number(port), servername: EDGE_HOSTNAME, ca: caPem });
    socket.once('secureConnect', () => { resolve(performance.now() - started); socket.destroy(); });
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  upstreams = await startUpstreams();
  edges = await startEdges({ upstreams: upstreams.urls, rttMs: { asia: 5, europe: 60, 'north-america': 90 } });
});
afterAll(async () => {
  await edges?.stop();
  await upstreams?.closeAll();
});

describe('startEdges: three regional edges, one PKI, one switchboard', () => {
  it('starts asia, north-america and europe on distinct loopback ports', () => {
    expect(edges.list.map((e) => e.region).sort()).toEqual(['asia', 'europe', 'north-america']);
    const ports = edges.list.flatMap((e) => [e.ports.http, e.ports.https, e.ports.delayed, e.ports.internal, e.ports.health]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('each region answers with its own name and adds its round-trip time', async () => {
    for (const edge of edges.list) {
      const reply = await edgeRequest(edge.httpsUrl, '/health', { caPem: edges.certs.caPem });
      expect(reply.status).toBe(200);
      expect(reply.json().region).toBe(edge.region);
      // A TLS 1.3 handshake takes at least one emulated round trip after the TCP connect.
      expect(await handshakeMs(edge.httpsUrl, edges.certs.caPem)).toBeGreaterThanOrEqual(edge.rttMs);
    }
    const asia = await handshakeMs(edges.edges.asia!.httpsUrl, edges.certs.caPem);
    const america = await handshakeMs(edges.edges['north-america']!.httpsUrl, edges.certs.caPem);
    expect(america).toBeGreaterThan(asia + 50);
  });

  it('a fault on the shared board reaches every edge, and replacing it with a fault of another part restores the edges', async () => {
    await edges.faults.set(['edge-no-hsts']);
    for (const edge of edges.list) {
      const reply = await edgeRequest(edge.directHttpsUrl, '/nowhere', { caPem: edges.certs.caPem });
      expect(reply.headers['strict-transport-security']).toBeUndefined();
    }
    await edges.faults.set(['auth-alg-none']);
    for (const edge of edges.list) {
      const reply = await edgeRequest(edge.directHttpsUrl, '/nowhere', { caPem: edges.certs.caPem });
      expect(reply.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    }
  });
});
