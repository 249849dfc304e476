import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { probeRouting, ROUTING_EXPECTED } from '../integration/support/routing';
import { Findings } from './support/findings';

/**
 * SEC-EDGE-ROUTES (EDGE-5, FUNC-4): every prefix reaches its own service with the prefix stripped.
 * The routing root cause of the security layer: every other check through this edge depends on it
 * (SEC-EDGE-CLOSED-PATHS judges what must not be routed).
 */
export const edgeRoutesCheck = defineCheck({
  id: 'SEC-EDGE-ROUTES',
  layer: 'security',
  title: 'Every edge prefix reaches its own service with the prefix stripped',
  criteria: ['FUNC-4', 'SEC-2'],
  rules: ['EDGE-5'],
  needs: ['edge'],
  perRegion: true,
  minJudged: SERVICE_KEYS.length,
  async run(ctx) {
    const findings = new Findings(ctx);
    const routed = await probeRouting(ctx, findings);
    return findings.finish(`${routed} prefixes routed to their services with the prefix stripped`, ROUTING_EXPECTED);
  },
});
