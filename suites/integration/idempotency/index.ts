import type { CheckDef } from '../../../src/checks/define';
import { idempotencyChecks as keyChecks } from './checks';
import { idempotencyScopeCheck } from './scope';

export const idempotencyChecks: CheckDef[] = [...keyChecks, idempotencyScopeCheck];
