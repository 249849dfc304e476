import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountAdminCommands } from './commands';
import { mountAdminQueries } from './queries';

/** svc-admin (§6.6): #25–#36. */
export function createAdminApp(deps: ServiceDeps): Express {
  return createServiceApp('admin', deps, (r) => {
    mountAdminCommands(r);
    mountAdminQueries(r);
  }).app;
}
