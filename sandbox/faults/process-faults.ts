import type { FaultSpec } from './spec';

/**
 * Faults of the standalone service launcher (sandbox/services/launcher.ts): the service process
 * itself, started by the SVC-PROC-* checks from the profile's `serviceProcess` section. The
 * launcher reads them from its environment at start (GXV_FAULTS, or the sandbox control's
 * GET /faults when GXV_SANDBOX_CONTROL is set), so each started process sees the faults then on.
 */
export const PROCESS_FAULTS = {
  'port-prefers-PORT': {
    part: 'services',
    breaks: 'The launcher reads PORT before the service-specific <NAME>_SERVICE_PORT variable.',
    checks: ['SVC-PROC-PORT'],
    rules: ['SVC-1'],
  },
  'config-unvalidated': {
    part: 'services',
    breaks: 'The launcher skips the §15 validation of its configuration and listens with whatever it was given.',
    checks: ['SVC-PROC-CONFIG'],
    rules: ['SVC-2'],
  },
  'sigterm-exits-at-once': {
    part: 'services',
    breaks: 'On SIGTERM/SIGINT the launcher exits at once, dropping the requests still in flight.',
    checks: ['SVC-PROC-SIGTERM'],
    rules: ['SVC-3'],
  },
} as const satisfies Record<string, FaultSpec>;
