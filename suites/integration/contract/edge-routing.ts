import { defineCheck } from '../../../src/checks/define';
import { SERVICE_KEYS } from '../../../src/catalog/services';
import { Problems } from '../support/problems';
import { probeRouting, ROUTING_EXPECTED } from '../support/routing';

/**
 * INT-EDGE-ROUTING (EDGE-5): the integration layer's routing prerequisite, for runs that go through
 * an edge without the security layer (`--layers integration`). Same probe as SEC-EDGE-ROUTES;
 * when both run, this one is blocked by it, so a broken route is one red line per region.
 */
export const edgeRoutingCheck = defineCheck({
  id: 'INT-EDGE-ROUTING',
  layer: 'integration',
  title: 'Through the edge, every prefix reaches its own service with the prefix stripped (prerequisite)',
  criteria: ['FUNC-4'],
  rules: ['EDGE-5'],
  needs: ['edge'],
  perRegion: true,
  dependsOn: ['SEC-EDGE-ROUTES'],
  minJudged: SERVICE_KEYS.length,
  async run(ctx) {
    const problems = new Problems(ctx);
    const routed = await probeRouting(ctx, problems);
    return problems.finish(`${routed} prefixes routed to their services with the prefix stripped`, ROUTING_EXPECTED);
  },
});
