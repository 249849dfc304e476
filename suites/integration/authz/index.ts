import type { CheckDef } from '../../../src/checks/define';
import { rolesCheck } from './roles';
import { ownershipCheck } from './ownership';
import { existenceLeakCheck } from './existence';
import { actingUserCheck } from './acting-user';

export const authzChecks: CheckDef[] = [rolesCheck, ownershipCheck, existenceLeakCheck, actingUserCheck];
