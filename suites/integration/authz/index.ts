import type { CheckDef } from '../../../src/checks/define';
import { rolesCheck } from './roles';
import { ownershipCheck } from './ownership';
import { existenceLeakCheck } from './existence';

export const authzChecks: CheckDef[] = [rolesCheck, ownershipCheck, existenceLeakCheck];
