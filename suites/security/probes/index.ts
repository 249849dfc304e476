import type { CheckDef } from '../../../src/checks/define';
import { sqliProbeCheck } from './sqli';
import { nosqlProbeCheck } from './nosql';

/** The active probe families of issue 14, one check per family (contract §17). */
export const probeChecks: CheckDef[] = [
  sqliProbeCheck,
  nosqlProbeCheck,
];
