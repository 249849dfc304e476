import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../../src/catalog/services';
import { isE1 } from '../../src/catalog/answers';
import { SEC_ROUTED } from '../integration/support/routing';
import { Findings } from './support/findings';
import { sendRaw, type RawReply } from './support/http';
import { edgeBase } from './support/probes';

/**
 * SEC-EDGE-CLOSED-PATHS (EDGE-6, EDGE-7, OWASP API9): look-alike prefixes, a bare `/api/v1/...`,
 * `/<prefix>/metrics` and dot segments answer 404 (E1) from the edge itself. Each refusal is judged
 * only beside a control showing the prefix it imitates is routed: when nothing is routed, a 404
 * proves nothing (and the check depends on SEC-EDGE-ROUTES).
 */

interface Closed { path: string; rule: 'EDGE-6' | 'EDGE-7'; control: ServiceKey }

function closedPaths(): Closed[] {
  const first = SERVICE_KEYS[0];
  return [
    { path: '/taxes/health', rule: 'EDGE-6', control: 'tax' },
    { path: '/identityx/health', rule: 'EDGE-6', control: 'identity' },
    { path: '/api/v1/users/gxv-nobody', rule: 'EDGE-6', control: 'identity' },
    ...SERVICE_KEYS.map((k): Closed => ({ path: `${SERVICES[k].edgePrefix}/metrics`, rule: 'EDGE-7', control: k })),
    { path: `${SERVICES[first].edgePrefix}/.env`, rule: 'EDGE-7', control: first },
    { path: `${SERVICES[first].edgePrefix}/.git/config`, rule: 'EDGE-7', control: first },
  ];
}

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
  rules: ['EDGE-6', 'EDGE-7'],
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
    }
    findings.measurements.paths = paths.length;
    return findings.finish(`${paths.length} paths that must not be routed answered the edge's 404 E1`,
      'look-alike prefixes, bare /api/v1, /<prefix>/metrics and dot segments → 404 E1 from the edge');
  },
});
