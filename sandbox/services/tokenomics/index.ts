import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountTransferRoutes } from './transfer-routes';
import { mountWalletRoutes } from './wallet-routes';

/** svc-tokenomics (§6.2): #1–#7. */
export function createTokenomicsApp(deps: ServiceDeps): Express {
  return createServiceApp('tokenomics', deps, (r) => {
    mountTransferRoutes(r);
    mountWalletRoutes(r);
  }).app;
}
