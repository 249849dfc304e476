import type { Express } from 'express';
import type { ServiceDeps } from '../deps';
import { createServiceApp } from '../kit';
import { mountProposalCommands } from './commands';
import { mountProposalQueries } from './queries';

/** svc-governance (§6.5): #20–#24. */
export function createGovernanceApp(deps: ServiceDeps): Express {
  return createServiceApp('governance', deps, (r) => {
    mountProposalCommands(r);
    mountProposalQueries(r);
  }).app;
}
