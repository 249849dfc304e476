import type { CheckDef } from '../../../src/checks/define';
import { rolesCheck } from './roles';
import { ownershipCheck } from './ownership';
import { existenceLeakCheck } from './existence';
import { actingUserCheck } from './acting-user';
import { tenancyCheck } from './tenancy';

export const authzChecks: CheckDef[] = [rolesCheck, ownershipCheck, existenceLeakCheck, actingUserCheck, tenancyCheck];
