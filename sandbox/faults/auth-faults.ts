import type { FaultSpec } from './spec';

/** Faults of the services' token and idempotency handling (sandbox/services/kit), guarded by the JWT and idempotency checks. */
export const AUTH_FAULTS = {
} as const satisfies Record<string, FaultSpec>;
