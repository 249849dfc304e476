import type { CheckDef } from '../../../src/checks/define';
import { idempotencyChecks as keyChecks } from './checks';
import { idempotencyInProgressCheck } from './in-progress';
import { idempotencyScopeCheck } from './scope';
import { idempotencyServicesCheck } from './services';

export const idempotencyChecks: CheckDef[] = [...keyChecks, idempotencyScopeCheck, idempotencyServicesCheck, idempotencyInProgressCheck];
