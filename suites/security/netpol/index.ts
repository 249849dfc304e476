import type { CheckDef } from '../../../src/checks/define';
import { netpolIntentCheck } from './intent';
import { netpolLiveCheck } from './live';

/** The NetworkPolicy checks (SEC-1, ST-NETPOL) and, from ../manifests, the §13.1 workload checks. */
export const netpolChecks: CheckDef[] = [netpolIntentCheck, netpolLiveCheck];
