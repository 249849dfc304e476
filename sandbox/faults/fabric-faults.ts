import type { FaultSpec } from './spec';

/** Faults of the Fabric Gateway emulator (sandbox/fabric), read by the orderer/committer. */
export const FABRIC_FAULTS = {
  'fabric-slow-commit': {
    part: 'fabric',
    breaks: 'Every block commit on the emulated peer takes 500 ms more (ledger time, not projector lag), so commands take too long to commit.',
    checks: ['RT-COMMIT-LATENCY'],
  },
} as const satisfies Record<string, FaultSpec>;
