import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeCerts, EDGE_HOSTNAME, type EdgeCerts } from '../../sandbox/edge/certs';
import type { EdgeRegion } from '../../sandbox/edge/nginx-conf';
import { RegionalEdge, type StartedEdge } from '../../sandbox/edge/regional-edge';

export interface Seen { service: ServiceKey; method: string; url: string; headers: IncomingHttpHeaders }

/** One tiny HTTP server per service on loopback, sending the headers a real service sends (HDR-1). */
export async function startUpstreams() {
  const seen: Seen[] = [];
  const servers = {} as Record<ServiceKey, Server>;
  const urls = {} as Record<ServiceKey, string>;
  for (const service of SERVICE_KEYS) {
    const server = createServer((req, res) => {
      seen.push({ service, method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('X-Powered-By', 'Express');
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('Content-Security-Policy', "default-src 'self'");
        res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
        const status = req.url?.startsWith('/health') || req.url?.startsWith('/api/') ? 200 : 404;
        res.writeHead(status);
        res.end(JSON.stringify(status === 200 ? { status: 'ok', service: `svc-${service}`, path: req.url } : { error: 'Not Found', message: `Route ${req.method} ${req.url} not found` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    servers[service] = server;
    urls[service] = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  const close = (service: ServiceKey) => new Promise<void>((resolve) => {
    servers[service].closeAllConnections();
    servers[service].close(() => resolve());
  });
  return { urls, seen, close, closeAll: () => Promise.all(SERVICE_KEYS.map((key) => servers[key].listening ? close(key) : undefined)) };
}

export interface Reply { status: number; headers: IncomingHttpHeaders; raw: string[]; body: string; json: () => any }

export function headerCount(reply: Reply, name: string): number {
  return reply.raw.filter((_, i) => i % 2 === 0 && reply.raw[i].toLowerCase() === name.toLowerCase()).length;
}

/** One HTTPS request to the edge with SNI api.gxcoin.money, trusting only the sandbox root. */
export function edgeRequest(baseUrl: string, path: string, options: { caPem?: string; method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  const url = new URL(path, baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET',
      headers: { host: EDGE_HOSTNAME, ...options.headers }, agent: false,
      ...(url.protocol === 'https:' ? { servername: EDGE_HOSTNAME, ca: options.caPem } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: res.rawHeaders, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}

/** One real edge in front of stand-in upstreams, with its own test PKI; `stop` removes all of it. */
export interface EdgeUnderTest {
  certs: EdgeCerts;
  upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  edge: StartedEdge;
  stop(): Promise<void>;
}

export async function startEdgeUnderTest(region: EdgeRegion, rttMs: number): Promise<EdgeUnderTest> {
  const certDir = await mkdtemp(join(tmpdir(), `gx-edge-${region}-`));
  const certs = await createEdgeCerts(certDir);
  const upstreams = await startUpstreams();
  const edge = await new RegionalEdge({ region, upstreams: upstreams.urls, certs, rttMs }).start();
  return {
    certs, upstreams, edge,
    async stop() {
      await edge.stop();
      await upstreams.closeAll();
      await rm(certDir, { recursive: true, force: true });
    },
  };
}
