import type { CheckDef } from '../../../src/checks/define';
import { readyzDbCheck } from './readyz-db';
import { readyzProjectorCheck } from './readyz-projector';
import { workerEndpointsCheck } from './workers';

export const readinessChecks: CheckDef[] = [readyzDbCheck, readyzProjectorCheck, workerEndpointsCheck];
