import type { CheckDef } from '../../../src/checks/define';
import { jwtMatrixChecks, validTokenCheck } from './matrix';
import { accessAtRefreshCheck, revokedRefreshCheck } from './refresh';
import { authStatusesCheck } from './statuses';

export const jwtChecks: CheckDef[] = [validTokenCheck, ...jwtMatrixChecks, accessAtRefreshCheck, revokedRefreshCheck, authStatusesCheck];
