import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountLoanCommands } from './commands';
import { mountLoanQueries } from './queries';

/** svc-loanpool (§6.4): #16–#19. */
export function createLoanpoolApp(deps: ServiceDeps): Express {
  return createServiceApp('loanpool', deps, (r) => {
    mountLoanCommands(r);
    mountLoanQueries(r);
  }).app;
}
