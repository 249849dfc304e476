import { defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { send } from '../../../src/clients/http';
import { alertingRules } from '../../../src/monitoring/client';
import { clientFor, monitoringOf } from './support';

/** Origins the suite may fetch runbooks from: the runbook base and the monitoring endpoints the profile names. */
function allowedOrigins(ctx: CheckContext): Set<string> {
  const m = monitoringOf(ctx);
  return new Set([m.runbookBase, m.prometheus?.url, m.alertmanager?.url, m.grafana?.url].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin));
}

/**
 * OPS-RUNBOOKS (OPS-3): every loaded alerting rule carries a `runbook_url` annotation, and each
 * one resolves (relative ones against `monitoring.runbookBase`) to a non-empty document with a
 * 200. Runbooks are fetched only from origins the profile names (network safety); others are
 * counted as not judged, with the origin to add.
 */
export const runbooksCheck = defineCheck({
  id: 'OPS-RUNBOOKS',
  layer: 'e2e',
  title: 'Every alert has a runbook_url that resolves to a non-empty document',
  criteria: ['OPS-3'],
  needs: ['monitoring'],
  async run(ctx) {
    const prom = clientFor(ctx, 'prometheus');
    if (typeof prom === 'string') return skip(`Needs Prometheus to read the alert rules: ${prom}.`);
    const m = monitoringOf(ctx);
    const { rules, exchange } = await alertingRules(prom);
    if (rules.length === 0) return skip('Prometheus has no alerting rule loaded, so no runbook link to follow (OPS-ALERT-RULES reports it).');
    const allowed = allowedOrigins(ctx);
    const seen = new Map<string, string | null>();
    for (const r of rules) {
      const link = r.annotations?.runbook_url;
      if (!link) {
        ctx.findings.add({ rule: null, component: 'monitoring', text: `alert ${r.name} has no runbook_url annotation`, evidence: [exchange.evidence] });
        continue;
      }
      let url: URL;
      try {
        url = new URL(link, m.runbookBase ?? undefined);
      } catch {
        ctx.findings.add({ rule: null, component: 'monitoring', text: `alert ${r.name}: runbook_url ${JSON.stringify(link)} is not a URL${m.runbookBase ? '' : ' (and the profile gives no monitoring.runbookBase to resolve it against)'}` });
        continue;
      }
      if (!allowed.has(url.origin)) {
        ctx.observe.unusable(`runbook host ${url.origin} not named in the profile (set monitoring.runbookBase)`);
        continue;
      }
      if (!seen.has(url.href)) {
        const res = await send({ method: 'GET', baseUrl: url.origin, path: url.pathname + url.search, ca: m.ca, timeoutMs: ctx.limits.requestMs, note: `runbook of ${r.name}` })
          .catch((err: Error) => ({ status: 0, text: '', evidence: { note: `runbook of ${r.name}`, request: `GET ${url.href}`, response: `no answer: ${err.message}` } }));
        const problem = res.status !== 200 ? `answers ${res.status || 'nothing'}` : res.text.trim() === '' ? 'is empty' : null;
        seen.set(url.href, problem);
        if (problem) ctx.findings.add({ rule: null, component: 'monitoring', text: `alert ${r.name}: runbook ${url.href} ${problem}`, evidence: [res.evidence] });
      }
      ctx.observe.judged();
    }
    return pass({ message: `${rules.length} alerts, each with a runbook; ${seen.size} runbook document(s) resolved and non-empty`, measurements: { alerts: rules.length, runbooks: seen.size } });
  },
});
