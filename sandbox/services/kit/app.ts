import express, { type Express, type NextFunction, type Request, type Response, Router } from 'express';
import type { ServiceKey } from '../../../src/catalog/services';
import { SERVICES } from '../../../src/catalog/services';
import type { ServiceDeps } from '../deps';
import { jsonBody } from './body';
import { errorHandler, notFoundFallback } from './errors';
import { cors, requestId, securityHeaders } from './headers';
import { faultHeaders, watchPollution } from './defects';
import { mountHealth } from './health';
import { createMetrics } from './metrics';
import { guardPool } from './pool-guard';
import { loadGuards } from './load-guards';
import { requestLog } from './request-log';
import { createServiceRouter, type ServiceRouter } from './route';
import { getFormFaults } from './convention-faults';

/** Every service's route mounting, for fault `foreign-routes-served` (a shared router mounted in every service). */
const MOUNTS = new Map<ServiceKey, (routes: ServiceRouter) => void>();

/** Fault `foreign-routes-served`: what the service's own routes leave unanswered goes to the other services' routes (SVC-4). */
function foreignRoutesFault(deps: ServiceDeps, service: ServiceKey) {
  let foreign: Router | null = null;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!deps.faults.isOn('foreign-routes-served')) return next();
    if (foreign === null) {
      const router = Router();
      for (const [key, mount] of MOUNTS) if (key !== service) mount(createServiceRouter(deps, key, router));
      foreign = router;
    }
    foreign(req, res, next);
  };
}

export interface ServiceApp {
  app: Express;
  /** The app's own Prometheus registry (also served at /metrics). */
  metrics: ReturnType<typeof createMetrics>;
}

/**
 * One contract-conformant express app: request id, security headers, CORS, metrics, JSON body
 * handling, health and metrics routes, the service's routes (added by `mount`), the E1 404
 * fallback and the error handler, in that order.
 */
export function createServiceApp(service: ServiceKey, shared: ServiceDeps, mount: (routes: ServiceRouter) => void): ServiceApp {
  const deps: ServiceDeps = { ...shared, db: guardPool(shared.db, shared.faults) };
  const name = SERVICES[service].name;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  const metrics = createMetrics(name, shared.faults);

  app.use(requestId);
  // Counted from here so malformed and oversized requests show up too (MET-2).
  app.use(metrics.middleware);
  app.use(requestLog(deps, name));
  app.use(securityHeaders(deps.faults));
  app.use(faultHeaders(deps));
  app.use(cors(deps.config.allowedOrigins, deps.faults));
  app.use(jsonBody(deps.faults));
  watchPollution(deps.faults);

  const infra = Router();
  mountHealth(infra, deps, name);
  metrics.mount(infra);
  // Fault `infra-routes-missing`: the infrastructure router ends up under /internal instead of the root.
  const misMounted = () => deps.faults.isOn('infra-routes-missing');
  app.use((req, res, next) => (misMounted() ? next() : infra(req, res, next)));
  app.use('/internal', (req, res, next) => (misMounted() ? infra(req, res, next) : next()));
  app.use(loadGuards(deps));
  app.use(getFormFaults(deps));
  const router = Router();
  mount(createServiceRouter(deps, service, router));
  app.use(router);
  MOUNTS.set(service, mount);
  app.use(foreignRoutesFault(deps, service));

  app.use(notFoundFallback(deps));
  app.use(errorHandler(deps, name));
  return { app, metrics };
}
