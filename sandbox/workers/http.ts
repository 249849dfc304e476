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
export async function startWorkerHttp(port: number, health: () => Promise<HealthReport>, registry: Registry): Promise<WorkerHttpServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    void (async () => {
      try {
        if ((method === 'GET' || method === 'HEAD') && path === '/health') {
          const report = await health();
          send(res, report.healthy ? 200 : 503, JSON.stringify(report.body), 'application/json; charset=utf-8');
        } else if ((method === 'GET' || method === 'HEAD') && path === '/metrics') {
          send(res, 200, await registry.metrics(), registry.contentType);
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
