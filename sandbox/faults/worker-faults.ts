import type { FaultSpec } from './spec';

/** Faults of the sandbox workers (sandbox/workers): outbox-submitter and projector. */
export const WORKER_FAULTS = {
  'submitter-double-claim': {
    part: 'workers',
    breaks: 'Claiming reads PENDING rows without row locks or a status condition, so two submitter replicas can submit the same command.',
    checks: ['RT-EXACTLY-ONCE'],
  },
  'submitter-no-backoff': {
    part: 'workers',
    breaks: 'A failed command is retried immediately instead of after the exponential backoff.',
    checks: ['RT-POISON'],
  },
  'submitter-wrong-function': {
    part: 'workers',
    breaks: 'TRANSFER_TOKENS is mapped to a chaincode function that does not exist (TokenomicsContract:Transfer).',
    checks: ['RT-CMD-TRANSFER_TOKENS'],
  },
  'projector-stall': {
    part: 'workers',
    breaks: 'The projector keeps heartbeating but stops applying events.',
    checks: ['RT-LAG', 'RT-PROJECTOR-HEALTH'],
  },
  'projector-skip-validation-drop': {
    part: 'workers',
    breaks: 'TransferCompleted payloads fail an over-strict validation and such events are skipped past (checkpoint advances) instead of retried.',
    checks: ['RT-CMD-TRANSFER_TOKENS'],
  },
  'projector-double-apply': {
    part: 'workers',
    breaks: 'Handlers are not idempotent and a restart replays the whole checkpoint block, so its balance changes are applied twice.',
    checks: ['RT-RESTART'],
  },
  'projector-status-casing': {
    part: 'workers',
    breaks: 'Projected status values are written as Active / pending_approval instead of the UPPER_SNAKE values the queries filter on.',
    checks: ['RT-STATUS-AGREEMENT'],
  },
  'projector-checkpoint-early': {
    part: 'workers',
    breaks: 'The checkpoint is committed in its own transaction before the read-model change, so a crash between them loses the event.',
    checks: ['RT-RESTART'],
  },
  'submitter-stalled': {
    part: 'workers',
    breaks: 'The claim query gets the worker id where the tenant id goes, so every poll completes (health stays green) but claims no row and no command leaves the outbox.',
    checks: [
      'RT-CMD-CREATE_USER', 'RT-CMD-UPDATE_USER_PROFILE', 'RT-CMD-SUBMIT_KYC', 'RT-CMD-TRANSFER_TOKENS',
      'RT-CMD-DISTRIBUTE_GENESIS', 'RT-CMD-FREEZE_WALLET', 'RT-CMD-UNFREEZE_WALLET', 'RT-CMD-PROPOSE_ORGANIZATION',
      'RT-CMD-ENDORSE_MEMBERSHIP', 'RT-CMD-ACTIVATE_ORGANIZATION', 'RT-CMD-DEFINE_AUTH_RULE',
      'RT-CMD-INITIATE_MULTISIG_TX', 'RT-CMD-APPROVE_MULTISIG_TX', 'RT-CMD-APPLY_FOR_LOAN', 'RT-CMD-APPROVE_LOAN',
      'RT-CMD-SUBMIT_PROPOSAL', 'RT-CMD-CAST_VOTE', 'RT-CMD-EXECUTE_PROPOSAL', 'RT-CMD-BOOTSTRAP_SYSTEM',
      'RT-CMD-INITIALIZE_COUNTRY', 'RT-CMD-UPDATE_SYSTEM_PARAMETER', 'RT-CMD-PAUSE_SYSTEM', 'RT-CMD-RESUME_SYSTEM',
      'RT-CMD-APPOINT_ADMIN', 'RT-CMD-ACTIVATE_TREASURY', 'RT-CMD-APPLY_VELOCITY_TAX',
      'RT-LAG', 'RT-COMMIT-LATENCY', 'RT-STATUS-AGREEMENT', 'RT-EXACTLY-ONCE', 'RT-POISON', 'RT-RESTART',
    ],
  },
  'projector-drops-effects': {
    part: 'workers',
    breaks: 'The projector runs with an empty handler registry (a bad deploy): every event advances the checkpoint as an unknown name and no read-model effect is written.',
    // Not BOOTSTRAP_SYSTEM (on a bootstrapped ledger its round trip is the refusal, no read-model
    // effect) nor RESUME_SYSTEM (with the pause never projected, the read model already shows ACTIVE).
    checks: [
      'RT-CMD-CREATE_USER', 'RT-CMD-UPDATE_USER_PROFILE', 'RT-CMD-SUBMIT_KYC', 'RT-CMD-TRANSFER_TOKENS',
      'RT-CMD-DISTRIBUTE_GENESIS', 'RT-CMD-FREEZE_WALLET', 'RT-CMD-UNFREEZE_WALLET', 'RT-CMD-PROPOSE_ORGANIZATION',
      'RT-CMD-ENDORSE_MEMBERSHIP', 'RT-CMD-ACTIVATE_ORGANIZATION', 'RT-CMD-DEFINE_AUTH_RULE',
      'RT-CMD-INITIATE_MULTISIG_TX', 'RT-CMD-APPROVE_MULTISIG_TX', 'RT-CMD-APPLY_FOR_LOAN', 'RT-CMD-APPROVE_LOAN',
      'RT-CMD-SUBMIT_PROPOSAL', 'RT-CMD-CAST_VOTE', 'RT-CMD-EXECUTE_PROPOSAL', 'RT-CMD-INITIALIZE_COUNTRY',
      'RT-CMD-UPDATE_SYSTEM_PARAMETER', 'RT-CMD-PAUSE_SYSTEM', 'RT-CMD-APPOINT_ADMIN', 'RT-CMD-ACTIVATE_TREASURY',
      'RT-CMD-APPLY_VELOCITY_TAX',
      'RT-LAG', 'RT-COMMIT-LATENCY', 'RT-STATUS-AGREEMENT', 'RT-EXACTLY-ONCE', 'RT-POISON', 'RT-RESTART',
    ],
  },
} as const satisfies Record<string, FaultSpec>;

export type WorkerFaultName = keyof typeof WORKER_FAULTS;
export const WORKER_FAULT_NAMES = Object.keys(WORKER_FAULTS) as WorkerFaultName[];
