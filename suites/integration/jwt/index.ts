import type { CheckDef } from '../../../src/checks/define';
import { jwtMatrixChecks, validTokenCheck } from './matrix';
import { accessAtRefreshCheck, revokedRefreshCheck } from './refresh';

export const jwtChecks: CheckDef[] = [validTokenCheck, ...jwtMatrixChecks, accessAtRefreshCheck, revokedRefreshCheck];
