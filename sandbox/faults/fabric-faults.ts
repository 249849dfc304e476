import type { FaultSpec } from './spec';

/** Faults of the Fabric Gateway emulator (sandbox/fabric), read by the orderer/committer. */
export const FABRIC_FAULTS = {
  'fabric-slow-commit': {
    part: 'fabric',
    breaks: 'Every block commit on the emulated peer takes 500 ms more (ledger time, not projector lag), so commands take too long to commit.',
    checks: ['RT-COMMIT-LATENCY'],
  },
  'ledger-fee-per-mille': {
    part: 'fabric',
    breaks: 'The chaincode charges the transfer fee as amount × 10 / 1000 (1 %) instead of amount × 10 / 10000: a user is debited ten times the fee.',
    checks: ['E2E-JOURNEY-USER'],
    rules: ['TOK-3'],
  },
  'ledger-rule-needs-threshold': {
    part: 'fabric',
    breaks: 'The chaincode\'s rule matching skips rules defined without amountThreshold (instead of counting them as 0): a multi-signature transfer under such a rule requires 1 signature, not the rule\'s requiredApprovers.',
    checks: ['E2E-JOURNEY-MULTISIG'],
    rules: ['ORG-2'],
  },
} as const satisfies Record<string, FaultSpec>;
