import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../../src/catalog/services';
import { isE1 } from '../../src/catalog/answers';
import { SEC_ROUTED } from '../integration/support/routing';
import { Findings } from './support/findings';
import { sendRaw, type RawReply } from './support/http';
import { edgeBase } from './support/probes';

/**
 * SEC-EDGE-CLOSED-PATHS (EDGE-6, EDGE-7, MET-3, OWASP API9): look-alike prefixes, a bare `/api/v1/...`,
 * `/metrics`, `/<prefix>/metrics` and dot segments answer 404 (E1) from the edge itself; a metrics
 * path answering Prometheus text is also MET-3 (metrics are for the in-cluster scrape only). Each refusal is judged
 * only beside a control showing the prefix it imitates is routed: when nothing is routed, a 404
 * proves nothing (and the check depends on SEC-EDGE-ROUTES).
 */

interface Closed { path: string; rule: 'EDGE-6' | 'EDGE-7'; control: ServiceKey; metrics?: true }

function closedPaths(): Closed[] {
  const first = SERVICE_KEYS[0];
  return [
    { path: '/taxes/health', rule: 'EDGE-6', control: 'tax' },
    { path: '/identityx/health', rule: 'EDGE-6', control: 'identity' },
    { path: '/api/v1/users/gxv-nobody', rule: 'EDGE-6', control: 'identity' },
    { path: '/metrics', rule: 'EDGE-6', control: first, metrics: true },
    ...SERVICE_KEYS.map((k): Closed => ({ path: `${SERVICES[k].edgePrefix}/metrics`, rule: 'EDGE-7', control: k, metrics: true })),
    { path: `${SERVICES[first].edgePrefix}/.env`, rule: 'EDGE-7', control: first },
    { path: `${SERVICES[first].edgePrefix}/.git/config`, rule: 'EDGE-7', control: first },
  ];
}

/** Prometheus exposition format: `# TYPE name kind` or `# HELP name …` lines (what a scrape reads). */
const PROMETHEUS_TEXT = /^# (TYPE|HELP) [a-zA-Z_:][a-zA-Z0-9_:]* /m;

/** The edge's own 404 in E1; an HTTP-4 message must name the public path (a service would name another). */
function edgeNotFound(reply: RawReply, path: string): boolean {
  if (reply.status !== 404 || !isE1(reply)) return false;
  const named = /^Route \S+ (\S+) not found/.exec((reply.json as { message: string }).message)?.[1];
  return named === undefined || named === path;
}

export const edgeClosedPathsCheck = defineCheck({
  id: 'SEC-EDGE-CLOSED-PATHS',
  layer: 'security',
  title: 'Look-alike prefixes, bare API paths, /<prefix>/metrics and dot segments answer 404 from the edge',
  criteria: ['FUNC-4', 'SEC-2'],
  rules: ['EDGE-6', 'EDGE-7', 'MET-3'],
  needs: ['edge'],
  perRegion: true,
  dependsOn: SEC_ROUTED,
  async run(ctx) {
    const findings = new Findings(ctx);
    const base = edgeBase(ctx);
    const routed = new Map<ServiceKey, boolean>();
    const isRouted = async (service: ServiceKey) => {
      if (!routed.has(service)) {
        const control = await sendRaw(ctx.region, { url: `${base}${SERVICES[service].edgePrefix}/health`, note: `control: ${service} is routed` });
        routed.set(service, control.status === 200 && (control.json as { service?: unknown } | undefined)?.service === SERVICES[service].name);
      }
      return routed.get(service)!;
    };
    const paths = closedPaths();
    for (const c of paths) {
      if (!(await isRouted(c.control))) {
        findings.unusable(`${SERVICES[c.control].edgePrefix} not routed: nothing to compare with`);
        continue;
      }
      const reply = await sendRaw(ctx.region, { url: base + c.path, note: `must not be routed: ${c.path}` });
      findings.judged();
      if (edgeNotFound(reply, c.path)) findings.sample(reply);
      else findings.add({ rule: c.rule, endpoint: 'edge', component: 'edge', text: `${c.path}: ${reply.status} (expected the edge's own 404 in E1)` }, reply);
      if (c.metrics && PROMETHEUS_TEXT.test(reply.text)) {
        findings.add({ rule: 'MET-3', endpoint: 'edge', component: 'edge', text: `${c.path}: the public edge serves Prometheus metrics (${reply.status})` }, reply);
      }
    }
    findings.measurements.paths = paths.length;
    return findings.finish(`${paths.length} paths that must not be routed answered the edge's 404 E1`,
      'look-alike prefixes, bare /api/v1, /metrics, /<prefix>/metrics and dot segments → 404 E1 from the edge, no Prometheus text');
  },
});
