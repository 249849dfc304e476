import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The outbox-submitter's metrics (§10), one registry per replica so replicas never share counters. */
export function submitterMetrics(defaults = false) {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    queueDepth: new Gauge({ name: 'outbox_queue_depth', help: 'OutboxCommand rows in PENDING, LOCKED or SUBMITTED', registers: [registry] }),
    processed: new Counter({
      name: 'outbox_commands_processed_total',
      help: 'Commands processed: success per COMMITTED row, failed per retried attempt, dead_lettered per row moved to FAILED',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    submitDuration: new Histogram({
      name: 'fabric_submit_duration_seconds',
      help: 'Ledger transaction time, endorsement through commit status',
      labelNames: ['command_type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}

export type SubmitterMetrics = ReturnType<typeof submitterMetrics>;
