import type { CheckDef } from '../../../src/checks/define';
import { contractChecks } from './endpoint';
import { errorChecks } from './errors';
import { emptyBodyCheck } from './empty-body';
import { routeChecks } from './routes';
import { infraChecks } from './infra';
import { edgeRoutingCheck } from './edge-routing';

export const contractLayerChecks: CheckDef[] = [edgeRoutingCheck, ...contractChecks, ...errorChecks, ...routeChecks, emptyBodyCheck, ...infraChecks];
