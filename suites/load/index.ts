import type { CheckDef } from '../../src/checks/define';
import { loadEndpointsCheck, loadDurationCheck } from './checks/endpoints';
import { loadErrorsCheck, loadP95Check } from './checks/load-100';
import { stressBreakingPointCheck, stressDegradationCheck } from './checks/stress';
import { loadDbP95Check, loadProjectorLagCheck } from './checks/under-load';

/**
 * The load layer (issue 11): scenarios derived from the catalog, run by the engine in src/load.
 * All checks are exclusive: load disturbs every other check's measurements.
 */
export const checks: CheckDef[] = [
  loadP95Check,
  loadErrorsCheck,
  loadProjectorLagCheck,
  loadDbP95Check,
  loadEndpointsCheck,
  loadDurationCheck,
  stressBreakingPointCheck,
  stressDegradationCheck,
];
