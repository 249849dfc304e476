/** Worker configuration (contract §15), resolved once by whoever starts the workers. */
export interface WorkerConfig {
  tenantId: string;
  channel: string;
  chaincode: string;
  /** Number of outbox-submitter replicas (each its own worker id, port and poll loop). */
  submitterReplicas: number;
  pollIntervalMs: number;
  batchSize: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  lockTimeoutMs: number;
  projectionLagThresholdMs: number;
  /** Projector START_BLOCK when no checkpoint exists (PROJ-4). */
  startBlock: number;
  /** How long a ledger call may take before it counts as failed (OUT-9 call timeout). */
  callTimeoutMs: number;
  /** Ports of the workers' HTTP servers; 0 = the OS picks (submitter replicas get consecutive ports when non-zero). */
  submitterPort: number;
  projectorPort: number;
}

export const WORKER_DEFAULTS: WorkerConfig = {
  tenantId: 'default',
  channel: 'gxchannel',
  chaincode: 'gxtv3',
  submitterReplicas: 2,
  pollIntervalMs: 100,
  batchSize: 10,
  maxRetries: 5,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  lockTimeoutMs: 30_000,
  projectionLagThresholdMs: 5_000,
  startBlock: 0,
  callTimeoutMs: 30_000,
  submitterPort: 0,
  projectorPort: 0,
};

export function resolveWorkerConfig(partial: Partial<WorkerConfig> = {}): WorkerConfig {
  const config = { ...WORKER_DEFAULTS, ...partial };
  for (const k of ['submitterReplicas', 'pollIntervalMs', 'batchSize', 'maxRetries', 'retryBaseMs', 'retryMaxMs', 'lockTimeoutMs', 'projectionLagThresholdMs', 'callTimeoutMs'] as const) {
    if (!Number.isInteger(config[k]) || config[k] <= 0) throw new Error(`Worker configuration ${k} must be a positive integer (got ${config[k]})`);
  }
  if (config.retryMaxMs < config.retryBaseMs) throw new Error('Worker configuration retryMaxMs must be at least retryBaseMs');
  return config;
}
