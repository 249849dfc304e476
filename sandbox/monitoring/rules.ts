import YAML from 'yaml';

/**
 * The sandbox's alert rules for the GX signals (src/monitoring/signals.ts), each with a
 * `runbook_url` into the runbooks the monitoring front publishes (fixtures/runbooks/). The
 * thresholds are the contract's; `for` and the evaluation interval are short so that an induced
 * condition fires within seconds.
 */
export interface GxAlertRule {
  alert: string;
  /** The signal it watches (ALERT_SIGNALS id). */
  signal: string;
  expr: string;
  severity: 'critical' | 'warning';
  summary: string;
  /** File name under fixtures/runbooks/. */
  runbook: string;
}

export function gxAlertRules(lagThresholdMs: number): GxAlertRule[] {
  return [
    {
      alert: 'GxProjectorLagHigh', signal: 'projector-lag', severity: 'critical', runbook: 'projector-lag.md',
      expr: `max(projector_lag_ms) > ${lagThresholdMs}`,
      summary: `Projector lag above PROJECTION_LAG_THRESHOLD_MS (${lagThresholdMs} ms): the read model is behind the ledger`,
    },
    {
      alert: 'GxOutboxQueueDepthHigh', signal: 'outbox-queue-depth', severity: 'warning', runbook: 'outbox-queue-depth.md',
      expr: 'max(outbox_queue_depth) > 500',
      summary: 'More than 500 commands wait in the outbox',
    },
    {
      alert: 'GxOutboxDeadLetters', signal: 'outbox-dead-letters', severity: 'warning', runbook: 'outbox-dead-letters.md',
      expr: 'sum(increase(outbox_commands_processed_total{status="dead_lettered"}[5m])) > 0',
      summary: 'Commands were dead-lettered (FAILED for good) in the last 5 minutes',
    },
    {
      alert: 'GxApiErrorRateHigh', signal: 'api-error-rate', severity: 'critical', runbook: 'api-error-rate.md',
      expr: 'sum(rate(http_requests_total{status=~"5.."}[1m])) / sum(rate(http_requests_total[1m])) > 0.01',
      summary: 'More than 1 % of API requests end in a 5xx',
    },
    {
      alert: 'GxApiLatencyP95High', signal: 'api-latency-p95', severity: 'warning', runbook: 'api-latency-p95.md',
      expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[1m]))) > 0.5',
      summary: 'API p95 latency above 500 ms',
    },
    {
      alert: 'GxTargetDown', signal: 'target-down', severity: 'critical', runbook: 'target-down.md',
      expr: 'up{job=~"gx-api|outbox-submitter|projector"} == 0',
      summary: '{{ $labels.job }} target {{ $labels.instance }} is down',
    },
  ];
}

/** The rule file; `omit` leaves rules out (fault alert-rule-missing). */
export function renderRuleFile(rules: readonly GxAlertRule[], runbookBase: string, forDuration: string): string {
  return YAML.stringify({
    groups: [{
      name: 'gx-signals',
      rules: rules.map((r) => ({
        alert: r.alert,
        expr: r.expr,
        for: forDuration,
        labels: { severity: r.severity, signal: r.signal },
        annotations: { summary: r.summary, runbook_url: new URL(r.runbook, runbookBase).href },
      })),
    }],
  });
}
