import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthReport {
  healthy: boolean;
  body: Record<string, unknown>;
}

export interface WorkerHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * WRK-3: a worker answers GET /health and GET /metrics (query string ignored) and 404 in the E1
 * envelope for anything else. Health is computed per request; a failing health probe is itself
 * an unhealthy answer, never a crash.
 */
export interface WorkerHttpFaults { isOn(name: 'worker-metrics-prefixed' | 'worker-unknown-route-text' | 'worker-health-drift'): boolean }

/** Fault `worker-health-drift`: queueDepth goes out as text and lastProcessedBlock as a number (WRK-1, WRK-2). */
function drifted(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  if ('queueDepth' in out) out.queueDepth = String(out.queueDepth);
  if ('lastProcessedBlock' in out) out.lastProcessedBlock = Number(out.lastProcessedBlock);
  return out;
}

export async function startWorkerHttp(port: number, health: () => Promise<HealthReport>, registry: Registry, faults?: WorkerHttpFaults): Promise<WorkerHttpServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    void (async () => {
      try {
        if ((method === 'GET' || method === 'HEAD') && path === '/health') {
          const report = await health();
          const body = faults?.isOn('worker-health-drift') ? drifted(report.body) : report.body;
          send(res, report.healthy ? 200 : 503, JSON.stringify(body), 'application/json; charset=utf-8');
        } else if ((method === 'GET' || method === 'HEAD') && path === '/metrics') {
          // Fault `worker-metrics-prefixed`: every metric name gains a `gx_` prefix (MET-1).
          const text = await registry.metrics();
          send(res, 200, faults?.isOn('worker-metrics-prefixed') ? text.replace(/^(# (?:HELP|TYPE) )?([a-z])/gm, '$1gx_$2') : text, registry.contentType);
        } else if (faults?.isOn('worker-unknown-route-text')) {
          // Fault `worker-unknown-route-text`: unknown worker routes get a plain-text 404 (WRK-3, ERR-1).
          send(res, 404, 'Cannot GET', 'text/plain; charset=utf-8');
        } else {
          send(res, 404, JSON.stringify({ error: 'Not Found', message: `Route ${method} ${path} not found` }), 'application/json; charset=utf-8');
        }
      } catch {
        send(res, 500, JSON.stringify({ error: 'Internal Server Error', message: 'Internal server error' }), 'application/json; charset=utf-8');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
