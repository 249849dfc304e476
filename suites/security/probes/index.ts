import type { CheckDef } from '../../../src/checks/define';
import { sqliProbeCheck } from './sqli';
import { nosqlProbeCheck } from './nosql';
import { pollutionProbeCheck } from './pollution';
import { headerProbeCheck } from './headers';
import { resourceProbeCheck } from './resources';
import { jwtProbeCheck } from './jwt';
import { authProbeCheck } from './auth';

/**
 * The active probe families of issue 14, one check per family (contract §17). They run exclusive,
 * in this order; the login family comes last: its failed logins must not throttle an identity a
 * later check logs in with.
 */
export const probeChecks: CheckDef[] = [
  sqliProbeCheck,
  nosqlProbeCheck,
  pollutionProbeCheck,
  headerProbeCheck,
  resourceProbeCheck,
  jwtProbeCheck,
  authProbeCheck,
];
