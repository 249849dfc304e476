import type { CheckDef } from '../../../src/checks/define';
import { jwtMatrixChecks, validTokenCheck } from './matrix';
import { accessAtRefreshCheck, revokedRefreshCheck } from './refresh';
import { authStatusesCheck } from './statuses';
import { loginClaimsCheck, logoutAccessCheck } from './session';

export const jwtChecks: CheckDef[] = [validTokenCheck, ...jwtMatrixChecks, accessAtRefreshCheck, revokedRefreshCheck, authStatusesCheck, loginClaimsCheck, logoutAccessCheck];
