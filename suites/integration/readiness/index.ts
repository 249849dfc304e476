import type { CheckDef } from '../../../src/checks/define';
import { readyzDbCheck } from './readyz-db';

export const readinessChecks: CheckDef[] = [readyzDbCheck];
