import type { CheckContext } from '../../../src/checks/define';
import { SERVICE_KEYS, SERVICES } from '../../../src/catalog/services';
import { askService } from './answers';
import type { Problems } from './problems';

/**
 * The routing prerequisite (EDGE-5): through this region's edge, each prefix reaches its own
 * service with the prefix stripped — `/<prefix>/health` is answered 200 by that service, which it
 * only can when it receives `/health`. Every other check through the edge needs this: when it
 * fails, their answers are the edge's or another path's, and they are reported `blocked` by it.
 * Shared by SEC-EDGE-ROUTES (security layer) and INT-EDGE-ROUTING (integration layer).
 */
export async function probeRouting(ctx: CheckContext, problems: Problems): Promise<number> {
  let routed = 0;
  for (const service of SERVICE_KEYS) {
    const prefix = SERVICES[service].edgePrefix;
    const { res, answer } = await askService(ctx, service, { method: 'GET', path: '/health?gxv=1', note: `${service} /health through ${prefix}` });
    if (!res) {
      problems.unusable(answer.kind);
      problems.add({ rule: 'EDGE-5', text: `${prefix}/health: no answer (${answer.kind})`, endpoint: 'edge', component: 'edge' });
      continue;
    }
    problems.judged();
    const name = (res.body as { service?: unknown } | undefined)?.service;
    if (res.status === 200 && name === SERVICES[service].name) {
      routed++;
      problems.sample(res);
      continue;
    }
    const from = typeof name === 'string' ? ` from ${name}` : '';
    problems.add({
      rule: 'EDGE-5', endpoint: 'edge', component: 'edge',
      text: `${prefix}/health answered ${res.status}${from} (${answer.kind}), expected 200 from ${SERVICES[service].name}: the prefix does not reach its service with the prefix stripped`,
    }, res);
  }
  return routed;
}

export const ROUTING_EXPECTED = 'each /<prefix>/health answered 200 by its own service (the prefix routed and stripped)';

/** What every integration check that sends HTTP to the region's services needs first (`dependsOn`). */
export const ROUTED = ['INT-EDGE-ROUTING'];
/** The same for the security layer. */
export const SEC_ROUTED = ['SEC-EDGE-ROUTES'];
