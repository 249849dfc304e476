import { Counter, Gauge, Registry } from 'prom-client';

/** The projector's metrics (§10). */
export function projectorMetrics() {
  const registry = new Registry();
  return {
    registry,
    lag: new Gauge({ name: 'projector_lag_ms', help: 'Age in ms of the oldest ledger event not yet applied (0 when none is pending)', registers: [registry] }),
    processed: new Counter({
      name: 'projector_events_processed_total',
      help: 'Events handled, by name and status (success, failed, ignored)',
      labelNames: ['event_name', 'status'] as const,
      registers: [registry],
    }),
    lastBlock: new Gauge({ name: 'projector_last_block', help: 'Block of the last applied event', registers: [registry] }),
  };
}

export type ProjectorMetrics = ReturnType<typeof projectorMetrics>;
