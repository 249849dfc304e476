import { metricNames } from './promql';

/**
 * The GX signals an operator must be alerted on (contract §10 metrics, RDY-2 lag threshold) and
 * the seed's key metrics a dashboard must show. A rule covers a signal when its expression reads
 * the signal's metric (and, for dead letters and errors, selects the telling label value).
 */
export interface Signal {
  id: string;
  title: string;
  /** True when an alert expression watches this signal. */
  coveredBy(expr: string): boolean;
}

const reads = (expr: string, metric: string) => metricNames(expr).names.includes(metric);

export const ALERT_SIGNALS: readonly Signal[] = [
  { id: 'projector-lag', title: 'projector lag over PROJECTION_LAG_THRESHOLD_MS (projector_lag_ms)', coveredBy: (e) => reads(e, 'projector_lag_ms') },
  { id: 'outbox-queue-depth', title: 'outbox queue depth (outbox_queue_depth)', coveredBy: (e) => reads(e, 'outbox_queue_depth') },
  {
    id: 'outbox-dead-letters', title: 'outbox dead letters (outbox_commands_processed_total{status="dead_lettered"})',
    coveredBy: (e) => reads(e, 'outbox_commands_processed_total') && /dead_lettered/.test(e),
  },
  {
    id: 'api-error-rate', title: 'API error rate (http_requests_total with 5xx status)',
    coveredBy: (e) => reads(e, 'http_requests_total') && /status\s*=~?\s*"[^"]*5/.test(e),
  },
  {
    id: 'api-latency-p95', title: 'API p95 latency (http_request_duration_seconds histogram)',
    coveredBy: (e) => metricNames(e).names.some((n) => n.startsWith('http_request_duration_seconds')),
  },
  { id: 'target-down', title: 'a scrape target down (up)', coveredBy: (e) => reads(e, 'up') },
];

/** §10 "Exported by": which part of the deployment exports each metric. */
export type MetricExporter = 'api' | 'submitter' | 'projector';
const EXPORTERS: Readonly<Record<string, MetricExporter>> = {
  http_requests_total: 'api', http_request_duration_seconds: 'api',
  outbox_queue_depth: 'submitter', outbox_commands_processed_total: 'submitter', fabric_submit_duration_seconds: 'submitter',
  projector_lag_ms: 'projector', projector_events_processed_total: 'projector', projector_last_block: 'projector',
};

/** §10: the metrics every deployment exports; dashboards must show them. */
export const KEY_METRICS: readonly string[] = Object.keys(EXPORTERS);

/** The part that exports a §10 metric, by its base name (`baseMetric`: no `_bucket`/`_sum`/`_count`), or null. */
export function exporterOf(baseName: string): MetricExporter | null {
  return EXPORTERS[baseName] ?? null;
}
