import type { NextFunction, Request, Response, Router } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Label value shared by every request that matched no route (MET-2: no raw paths). */
export const UNMATCHED_ROUTE = 'unmatched';

export interface AppMetrics {
  registry: Registry;
  /** Records every answered request (route template, method, numeric status). */
  middleware(req: Request, res: Response, next: NextFunction): void;
  /** Mounts GET /metrics (Prometheus text; not counted itself). */
  mount(router: Router): void;
}

/**
 * One registry per app: the seven services share a process, so the global default registry
 * would mix their counters.
 */
export function createMetrics(service: string, faults?: { isOn(name: string): boolean }): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    middleware(req, res, next) {
      if (req.path === '/metrics') return next();
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        // req.route is set once a route matched; baseUrl + template avoids raw ids.
        // Fault `metrics-raw-unmatched-route`: a request no route matched is labelled with its raw path.
        const unmatched = faults?.isOn('metrics-raw-unmatched-route') ? req.path : UNMATCHED_ROUTE;
        const route = req.route?.path !== undefined ? `${req.baseUrl}${String(req.route.path)}` : unmatched;
        const labels = { route, method: req.method, status: String(res.statusCode) };
        requests.inc(labels);
        duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    mount(router) {
      router.get('/metrics', async (_req, res) => {
        res.setHeader('Content-Type', registry.contentType);
        res.send(await registry.metrics());
      });
    },
  };
}
