import { createServer, type Server } from 'node:http';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import type { EdgeRegion } from './nginx-conf';

/** EDGE-8: a backend is up when its /health answers 200 within 2 s over the edge's own route. */
const PROBE_TIMEOUT_MS = 2000;

async function probe(routeBase: string, key: ServiceKey): Promise<'up' | 'down'> {
  try {
    const response = await fetch(`${routeBase}/${key}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status === 200 ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/**
 * nginx cannot aggregate several upstream checks, so each edge proxies /health to this tiny server.
 * It probes through the edge's internal loopback server (`routeBase`), which carries the same
 * prefix routes as the public one, so a broken route shows as a down backend.
 */
export function startHealthAggregator(region: EdgeRegion, routeBase: string, port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD' });
      response.end(JSON.stringify({ error: 'Method Not Allowed', message: 'Only GET is supported' }));
      return;
    }
    const states = await Promise.all(SERVICE_KEYS.map(async (key) => [key, await probe(routeBase, key)] as const));
    const backends = Object.fromEntries(states) as Record<ServiceKey, 'up' | 'down'>;
    const healthy = states.every(([, state]) => state === 'up');
    const body = healthy
      ? { status: 'healthy', region, backends, timestamp: new Date().toISOString() }
      : { status: 'unhealthy', region, backends, timestamp: new Date().toISOString(), error: 'Service Unavailable', message: 'One or more backends are unavailable' };
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
