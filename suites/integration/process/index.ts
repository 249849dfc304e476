import type { CheckDef } from '../../../src/checks/define';
import { configCheck } from './config';
import { portCheck } from './port';
import { sigtermCheck } from './sigterm';

/**
 * The service process itself (contract §1 SVC-1..3, §15): gx-verify starts the profile's
 * `serviceProcess` on 127.0.0.1 with chosen environment variations and watches where it listens,
 * whether it refuses invalid configuration, and how it stops. Nothing here is visible over HTTP on
 * a running deployment; without the profile section the checks are skipped.
 */
export const processChecks: CheckDef[] = [portCheck, configCheck, sigtermCheck];
