import { defineCheck, pass, skip } from '../../../src/checks/define';
import { alertingRules } from '../../../src/monitoring/client';
import { metricNames } from '../../../src/monitoring/promql';
import { ALERT_SIGNALS } from '../../../src/monitoring/signals';
import { clientFor } from './support';

/**
 * OPS-ALERT-RULES (OPS-2, configured): Prometheus has alerting rules loaded, each healthy (it
 * evaluates without error) with a parseable expression, and every GX signal — projector lag
 * (RDY-2's threshold), outbox queue depth, dead letters, API error rate, p95 latency, a target
 * down — is watched by at least one rule. That it also *fires and is delivered* is
 * OPS-ALERT-ROUNDTRIP's part.
 */
export const alertRulesCheck = defineCheck({
  id: 'OPS-ALERT-RULES',
  layer: 'e2e',
  title: 'Alert rules are loaded and healthy, and every GX signal has one',
  criteria: ['OPS-2'],
  rules: ['RDY-2'],
  needs: ['monitoring'],
  async run(ctx) {
    const prom = clientFor(ctx, 'prometheus');
    if (typeof prom === 'string') return skip(`Needs Prometheus to read the loaded rules: ${prom}.`);
    const { rules, exchange } = await alertingRules(prom);
    if (rules.length === 0) ctx.findings.add({ rule: null, component: 'monitoring', text: 'Prometheus has no alerting rule loaded', evidence: [exchange.evidence] });
    for (const r of rules) {
      ctx.observe.judged();
      if (r.health && r.health !== 'ok' && r.health !== 'unknown') {
        ctx.findings.add({ rule: null, component: 'monitoring', text: `alert ${r.name} (group ${r.group}) is unhealthy: ${r.health}${r.lastError ? `: ${r.lastError}` : ''}` });
      }
      const parsed = metricNames(r.query);
      if (parsed.error) ctx.findings.add({ rule: null, component: 'monitoring', text: `alert ${r.name}: ${parsed.error}` });
    }
    const coverage: Record<string, string> = {};
    for (const signal of ALERT_SIGNALS) {
      const by = rules.filter((r) => signal.coveredBy(r.query)).map((r) => r.name);
      coverage[signal.id] = by.join(', ');
      if (by.length === 0) {
        ctx.findings.add({ rule: signal.id === 'projector-lag' ? 'RDY-2' : null, component: 'monitoring', text: `no alert rule watches ${signal.title}`, evidence: [exchange.evidence] });
      }
    }
    return pass({
      message: `${rules.length} alerting rules loaded and healthy; every GX signal covered (${Object.entries(coverage).map(([k, v]) => `${k}: ${v}`).join('; ')})`,
      measurements: { alertRules: rules.length, signals: ALERT_SIGNALS.length },
      evidence: [exchange.evidence],
    });
  },
});
