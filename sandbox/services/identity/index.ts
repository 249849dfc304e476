import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountAuthRoutes } from './auth-routes';
import { startPasswordHasher } from './password-hasher';
import { mountUserRoutes } from './user-routes';

/** svc-identity (§6.1): I1–I3 under /api/v1/auth, I4–I8 under /api/v1/users. */
export function createIdentityApp(deps: ServiceDeps): Express {
  startPasswordHasher();
  return createServiceApp('identity', deps, (r) => {
    mountAuthRoutes(r);
    mountUserRoutes(r);
  }).app;
}
