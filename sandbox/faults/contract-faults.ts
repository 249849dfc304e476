import type { FaultSpec } from './spec';

/** Faults of the services' HTTP contract and database plumbing, guarded by the endpoint-contract, error-path, infrastructure-route and database checks. */
export const CONTRACT_FAULTS = {
} as const satisfies Record<string, FaultSpec>;
