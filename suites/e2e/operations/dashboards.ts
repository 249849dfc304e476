import { defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { jsonOk, exportedMetricNames, type ApiClient } from '../../../src/monitoring/client';
import { panelQueries, readDashboardFiles, withoutVariables, type DashboardJson, type PanelQuery } from '../../../src/monitoring/dashboards';
import { baseMetric, metricNames } from '../../../src/monitoring/promql';
import { KEY_METRICS, exporterOf, type MetricExporter } from '../../../src/monitoring/signals';
import { clientFor, monitoringOf, scrapedTargets } from './support';

/** Dashboards from Grafana's API (search, then each by uid), with the exchanges as evidence. */
async function grafanaDashboards(grafana: ApiClient, evidence: EvidenceItem[]): Promise<Array<{ name: string; dashboard: DashboardJson }>> {
  const search = await jsonOk<Array<{ uid: string; title: string }>>(grafana, '/api/search?type=dash-db&limit=5000', 'Grafana dashboard search');
  evidence.push(search.exchange.evidence);
  const out: Array<{ name: string; dashboard: DashboardJson }> = [];
  for (const hit of search.data) {
    const one = await jsonOk<{ dashboard: DashboardJson }>(grafana, `/api/dashboards/uid/${encodeURIComponent(hit.uid)}`, `dashboard ${hit.uid}`);
    out.push({ name: `Grafana "${hit.title}"`, dashboard: one.data.dashboard });
  }
  return out;
}

async function collect(ctx: CheckContext, evidence: EvidenceItem[]): Promise<{ source: string; queries: PanelQuery[]; dashboards: number } | string> {
  const m = monitoringOf(ctx);
  const grafana = clientFor(ctx, 'grafana');
  if (typeof grafana !== 'string') {
    const list = await grafanaDashboards(grafana, evidence);
    return { source: 'Grafana', dashboards: list.length, queries: list.flatMap((d) => panelQueries(d.dashboard, d.name)) };
  }
  if (m.dashboards.length === 0) return 'The profile gives neither `monitoring.grafana` nor `monitoring.dashboards` files: no dashboard to inspect.';
  const files = readDashboardFiles(m.dashboards);
  for (const f of files) {
    if (!f.dashboard) ctx.findings.add({ rule: null, component: 'monitoring', text: `${f.file} is not dashboard JSON: ${f.error}` });
  }
  const ok = files.filter((f) => f.dashboard);
  return { source: 'dashboard files', dashboards: ok.length, queries: ok.flatMap((f) => panelQueries(f.dashboard!, f.file.split('/').pop())) };
}

/**
 * The workers the profile says nothing of: a deployment without them yet (no ledger, no workers)
 * exports none of their metrics, so a panel on those metrics cannot be judged there — it is not
 * shown to be dead. `workers: external` means they run, out of gx-verify's sight: still judged.
 */
function workersNotDeployed(ctx: CheckContext): Set<MetricExporter> {
  const absent = new Set<MetricExporter>();
  if (ctx.target.workersExternal) return absent;
  if (!ctx.target.workers?.submitter.length) absent.add('submitter');
  if (!ctx.target.workers?.projector) absent.add('projector');
  return absent;
}

/**
 * OPS-DASHBOARDS (OPS-1): the deployment's dashboards (Grafana's API when the profile gives it,
 * else the dashboard JSON files) show every key metric of §10, and every panel query parses
 * (Prometheus's own PromQL grammar) and reads only metrics the scrape targets actually export,
 * as Prometheus knows them (series names and scraped metadata).
 */
export const dashboardsCheck = defineCheck({
  id: 'OPS-DASHBOARDS',
  layer: 'e2e',
  title: 'Dashboards show every key metric and query only metrics the targets export',
  criteria: ['OPS-1'],
  needs: ['monitoring'],
  async run(ctx) {
    const prom = clientFor(ctx, 'prometheus');
    if (typeof prom === 'string') return skip(`Needs Prometheus to know which metrics the targets export: ${prom}.`);
    const evidence: EvidenceItem[] = [];
    const found = await collect(ctx, evidence);
    if (typeof found === 'string') return skip(found);
    if (found.dashboards === 0) {
      ctx.findings.add({ rule: null, component: 'monitoring', text: `no dashboard found in the ${found.source}`, evidence });
      return pass({ evidence });
    }
    const { scraped } = await scrapedTargets(ctx, prom);
    if (scraped.length === 0) ctx.findings.add({ rule: 'MET-3', component: 'monitoring', text: 'Prometheus has scraped no target, so no metric is exported to it' });
    const exported = await exportedMetricNames(prom);
    const absentWorkers = workersNotDeployed(ctx);
    const unjudged = new Set<string>();
    const shown = new Set<string>();
    for (const q of found.queries) {
      const parsed = metricNames(withoutVariables(q.expr));
      if (parsed.error) {
        ctx.findings.add({ rule: null, component: 'monitoring', text: `${q.dashboard} / "${q.panel}": ${parsed.error}` });
        continue;
      }
      let judged = false;
      for (const name of parsed.names) {
        shown.add(baseMetric(name));
        const exporter = exporterOf(baseMetric(name));
        if (exported.has(name) || exported.has(baseMetric(name))) {
          judged = true;
        } else if (exporter && absentWorkers.has(exporter)) {
          ctx.observe.unusable(`panel on the ${exporter}'s metrics, which the profile does not deploy`);
          unjudged.add(`${q.dashboard} / "${q.panel}" (${name})`);
        } else {
          judged = true;
          ctx.findings.add({ rule: null, component: 'monitoring', text: `${q.dashboard} / "${q.panel}" queries ${name}, which no scrape target exports (query: ${q.expr})` });
        }
      }
      if (judged || parsed.names.length === 0) ctx.observe.judged();
    }
    if (unjudged.size > 0) {
      ctx.log(`not judged — the profile names no ${[...absentWorkers].join(' or ')} (no \`workers\` section), so these panels' metrics cannot be exported: ${[...unjudged].join('; ')}`);
    }
    const missing = KEY_METRICS.filter((k) => !shown.has(k));
    for (const k of missing) ctx.findings.add({ rule: null, component: 'monitoring', text: `no dashboard panel shows the key metric ${k} (§10)` });
    return pass({
      message: `${found.dashboards} dashboard(s) from ${found.source}: ${found.queries.length} panel queries, all ${KEY_METRICS.length} key metrics shown, every metric exported${unjudged.size ? ` (${unjudged.size} panel metric(s) of workers the profile does not deploy not judged)` : ''}`,
      measurements: { dashboards: found.dashboards, panelQueries: found.queries.length, exportedMetrics: exported.size, panelMetricsNotJudged: unjudged.size },
      evidence,
    });
  },
});
