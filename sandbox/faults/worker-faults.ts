import { CATALOG } from '../../src/catalog';
import type { FaultSpec } from './spec';

/** RT-CMD-<TYPE> for every command type the API can send (one round-trip check each). */
const COMMAND_ROUND_TRIPS = [...new Set(CATALOG.flatMap((e) => (e.commandType ? [`RT-CMD-${e.commandType}`] : [])))];
/** The round-trip checks that need the whole write path moving. */
// Not RT-STATUS-AGREEMENT: with nothing projected it has no agreement to observe, so it is `error: could not exercise`, not a disagreement (issue 9).
const WHOLE_PATH = ['RT-LAG', 'RT-COMMIT-LATENCY', 'RT-EXACTLY-ONCE', 'RT-POISON', 'RT-RESTART'];

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
  'submitter-drops-error-code': {
    part: 'workers',
    breaks: 'A failed attempt is recorded with its error text but no errorCode, so operators cannot tell a ledger refusal from a timeout.',
    checks: ['RT-POISON'],
    rules: ['OUT-8'],
  },
  'submitter-waits-on-poison': {
    part: 'workers',
    breaks: 'Claiming keeps strict creation order across retries: while an older row that has failed waits for its retry, no newer row of the tenant is claimed, so a poison holds every later command until it is FAILED.',
    checks: ['RT-POISON'],
    rules: ['OUT-10'],
  },
  'submitter-extra-retry': {
    part: 'workers',
    breaks: 'The dead-letter test is off by one: a command the ledger keeps refusing is FAILED only after MAX_RETRIES + 1 attempts.',
    checks: ['RT-POISON'],
    rules: ['OUT-7'],
  },
  // The services' side of the write path (sandbox/services): what they put in the outbox and answer.
  'outbox-service-key': {
    part: 'services',
    breaks: 'OutboxCommand rows name their producing service by its short key (\'identity\') instead of its §1 name (svc-identity).',
    checks: ['RT-CMD-CREATE_USER'],
    rules: ['CMD-2'],
  },
  'outbox-double-insert': {
    part: 'services',
    breaks: 'Every accepted command is inserted twice (a second row under another requestId), so the ledger receives it twice.',
    checks: ['RT-CMD-CREATE_USER'],
    rules: ['CMD-1'],
  },
  'profile-id-reissued': {
    part: 'services',
    breaks: 'I4 answers a profileId other than the userId it sends to the ledger, so the client looks up a profile that never appears.',
    checks: ['RT-CMD-CREATE_USER'],
    rules: ['CMD-4'],
  },
  // The services' /readyz (sandbox/services/kit/health.ts) judging the projector's row.
  'readyz-idle-not-ready': {
    part: 'services',
    breaks: '/readyz measures the projector\'s freshness from when its ProjectorState row last changed instead of its heartbeat, so a projector idle on a quiet ledger reads as not ready.',
    checks: ['INT-READYZ-PROJECTOR'],
    rules: ['RDY-4'],
  },
  'submitter-attempts-on-failure': {
    part: 'workers',
    breaks: 'The claim does not count the attempt; attempts grows only when a failure is recorded, so a committed row shows 0 attempts and a worker that dies mid-attempt leaves it uncounted.',
    checks: ['RT-POISON'],
    rules: ['OUT-4'],
  },
  'submitter-revives-failed': {
    part: 'workers',
    breaks: 'A row that just ended FAILED is claimed and submitted again (a dead letter is not terminal).',
    checks: ['RT-POISON'],
    rules: ['OUT-1'],
  },
  'submitter-records-wrong-txid': {
    part: 'workers',
    breaks: 'The submitter records the command id where the transaction id goes, so a row\'s fabricTxId names no ledger transaction and an unknown outcome could never be looked up.',
    checks: ['RT-CMD-CREATE_USER'],
    rules: ['OUT-5'],
  },
  'submitter-operator-identity': {
    part: 'workers',
    breaks: 'Admin commands (AdminContract) are signed with an operator\'s ledger identity instead of the backend\'s own.',
    checks: ['RT-CMD-APPOINT_ADMIN'],
    rules: ['CMD-5'],
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
  'projector-slow': {
    part: 'workers',
    breaks: 'Each event is applied 150 ms after it arrived (nothing lost, everything late): the projector\'s own lag is over the 100 ms of PERF-2 from anywhere.',
    checks: ['RT-LAG'],
  },
  'projector-skip-validation-drop': {
    part: 'workers',
    breaks: 'TransferCompleted payloads fail an over-strict validation and such events are skipped past (checkpoint advances) instead of retried.',
    checks: ['RT-CMD-TRANSFER_TOKENS'],
  },
  'projector-processing-time': {
    part: 'workers',
    breaks: 'Read-model times (Transaction.timestamp, appliedAt, approvedAt…) are the time the projector applied the event, not the ledger transaction timestamp.',
    checks: ['RT-CMD-TRANSFER_TOKENS'],
    rules: ['PROJ-7'],
  },
  'projector-hardcoded-tenant': {
    part: 'workers',
    breaks: 'Transaction rows are written under a built-in tenant (\'gx\') instead of the projector\'s TENANT_ID.',
    checks: ['RT-CMD-TRANSFER_TOKENS'],
    rules: ['PROJ-1'],
  },
  'projector-heartbeat-when-busy': {
    part: 'workers',
    breaks: 'The projector writes heartbeatAt and lagMs only while events are being applied, not every second when idle.',
    checks: ['RT-PROJECTOR-HEALTH'],
    rules: ['PROJ-9'],
  },
  'projector-double-apply': {
    part: 'workers',
    breaks: 'Handlers are not idempotent and a restart replays the whole checkpoint block, so its balance changes are applied twice.',
    checks: ['RT-RESTART', 'RT-RESTART-HANDLERS'],
    rules: ['PROJ-3'],
  },
  'projector-counters-not-idempotent': {
    part: 'workers',
    breaks: 'VoteCast and MultiSigTxApproved add to their counters without consulting the voters/approvers set, and a restart replays the checkpoint block: a replayed vote or approval counts twice.',
    checks: ['RT-RESTART-HANDLERS'],
    rules: ['PROJ-3', 'PROJ-4'],
  },
  'projector-txid-per-apply': {
    part: 'workers',
    breaks: 'Transaction.onChainTxId gets a fresh suffix each time an event is applied (<txId>:<TYPE>:<random>), so it is not deterministic; with a restart that replays the checkpoint block, the replayed movement gets a second row and moves the balance again.',
    checks: ['RT-RESTART-HANDLERS'],
    // PROJ-4 too: the replay of the checkpoint block is what lets the non-deterministic id show.
    rules: ['PROJ-10', 'PROJ-4'],
  },
  'projector-split-transfer': {
    part: 'workers',
    breaks: 'TransferCompleted debits the sender (balance and SENT row) in a transaction of its own, committed before the receiver\'s credit and the checkpoint: in between, the read model shows half a transfer.',
    checks: ['RT-RESTART-HANDLERS'],
    rules: ['PROJ-8'],
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
    // RT-WRITE-PATH is the root cause; the round trips behind it are reported `blocked` by it.
    checks: ['RT-WRITE-PATH', ...COMMAND_ROUND_TRIPS, ...WHOLE_PATH],
  },
  'projector-drops-effects': {
    part: 'workers',
    breaks: 'The projector runs with an empty handler registry (a bad deploy): every event advances the checkpoint as an unknown name and no read-model effect is written.',
    // Not BOOTSTRAP_SYSTEM (on a bootstrapped ledger its round trip is the refusal, no read-model
    // effect) nor RESUME_SYSTEM (with the pause never projected, the read model already shows ACTIVE).
    checks: [...COMMAND_ROUND_TRIPS.filter((id) => id !== 'RT-CMD-BOOTSTRAP_SYSTEM' && id !== 'RT-CMD-RESUME_SYSTEM'), ...WHOLE_PATH],
  },
  'submitter-claims-while-open': {
    part: 'workers',
    breaks: 'An open ledger circuit breaker does not stop the poll: the worker still claims its batch and records each row as a failed attempt (errorCode CIRCUIT_OPEN) without calling the ledger, so an outage burns the rows\' retry budget.',
    checks: ['RT-BREAKER'],
    rules: ['OUT-9'],
  },
  'projector-retries-unknown-event': {
    part: 'workers',
    breaks: 'An event name outside the catalog is treated as a failing event: retried with backoff for ever instead of acknowledged, so the checkpoint stops at it and every later event waits.',
    checks: ['RT-UNKNOWN-EVENT'],
    rules: ['PROJ-6'],
  },
} as const satisfies Record<string, FaultSpec>;

export type WorkerFaultName = keyof typeof WORKER_FAULTS;
export const WORKER_FAULT_NAMES = Object.keys(WORKER_FAULTS) as WorkerFaultName[];
