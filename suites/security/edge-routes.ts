import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS, SERVICES } from '../../src/catalog/services';
import { Findings } from './support/findings';
import { sendRaw, type RawReply } from './support/http';
import { edgeBase, serviceBase } from './support/probes';

/**
 * SEC-EDGE-ROUTES (EDGE-5..7, FUNC-4, OWASP API9): every prefix reaches its own service with the
 * prefix stripped (`/<prefix>/health` names that service, the query string passes); look-alike
 * prefixes, bare `/api/v1/...`, `/<prefix>/metrics` and dot segments answer 404 in E1.
 */

function e1NotFound(r: RawReply): boolean {
  const body = r.json as { error?: unknown; message?: unknown } | undefined;
  return r.status === 404 && body?.error === 'Not Found' && typeof body.message === 'string';
}

export const edgeRoutesCheck = defineCheck({
  id: 'SEC-EDGE-ROUTES',
  layer: 'security',
  title: 'Every edge prefix reaches its service with the prefix stripped; other paths answer 404',
  criteria: ['FUNC-4', 'SEC-2'],
  needs: ['edge'],
  perRegion: true,
  async run(ctx) {
    const findings = new Findings();
    let requests = 0;
    for (const service of SERVICE_KEYS) {
      const reply = await sendRaw(ctx.region, { url: `${serviceBase(ctx, service)}/health?gxv=1`, note: `${service} through its prefix` });
      requests++;
      const name = (reply.json as { service?: unknown } | undefined)?.service;
      if (reply.status !== 200 || name !== SERVICES[service].name) {
        findings.add(`${service}: /health through the prefix answered ${reply.status} ${name === undefined ? '' : `from ${String(name)}`} (expected 200 from ${SERVICES[service].name})`, reply.evidence);
      } else findings.sample(reply.evidence);
    }
    const base = edgeBase(ctx);
    const first = SERVICE_KEYS[0];
    const negatives = [
      `${base}/taxes/health`,
      `${base}/identityx/health`,
      `${base}/api/v1/users/gxv-nobody`,
      ...SERVICE_KEYS.map((k) => `${serviceBase(ctx, k)}/metrics`),
      `${serviceBase(ctx, first)}/.env`,
      `${serviceBase(ctx, first)}/.git/config`,
    ];
    for (const url of negatives) {
      const reply = await sendRaw(ctx.region, { url, note: `must not be routed: ${url.slice(base.length)}` });
      requests++;
      if (!e1NotFound(reply)) findings.add(`${url.slice(base.length)}: ${reply.status} (expected 404 in E1)`, reply.evidence);
    }
    findings.measurements.requests = requests;
    return findings.finish(`${SERVICE_KEYS.length} prefixes routed and stripped; ${negatives.length} other paths answered 404 E1`,
      'each /<prefix>/health answered by its own service; other paths, /<prefix>/metrics and dot segments → 404 E1');
  },
});
