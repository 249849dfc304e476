import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountTaxRoutes } from './routes';

/** svc-tax (§6.7): #37–#39. */
export function createTaxApp(deps: ServiceDeps): Express {
  return createServiceApp('tax', deps, mountTaxRoutes).app;
}
