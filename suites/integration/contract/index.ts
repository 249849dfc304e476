import type { CheckDef } from '../../../src/checks/define';
import { contractChecks } from './endpoint';
import { errorChecks } from './errors';
import { routeChecks } from './routes';
import { infraChecks } from './infra';

export const contractLayerChecks: CheckDef[] = [...contractChecks, ...errorChecks, ...routeChecks, ...infraChecks];
