import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountMembershipRoutes } from './membership';
import { mountMultisigRoutes } from './multisig';
import { mountQueryRoutes } from './queries';

/** svc-organization (§6.3): #8–#15. */
export function createOrganizationApp(deps: ServiceDeps): Express {
  return createServiceApp('organization', deps, (r) => {
    mountMembershipRoutes(r);
    mountMultisigRoutes(r);
    mountQueryRoutes(r);
  }).app;
}
