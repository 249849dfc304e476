import { defineCheck, pass, skip } from '../../../src/checks/define';
import { checkExposure } from '../../../src/netpol/workloads/services';
import { loadManifests } from './support';

/**
 * SEC-K8S-EXPOSURE (§13.1 PostgreSQL and Redis, §13.2 NP-9): no Service of the backend namespace
 * is a NodePort or LoadBalancer or has external IPs; for the database and Redis that is §13.1's
 * own rule.
 */
export const k8sExposureCheck = defineCheck({
  id: 'SEC-K8S-EXPOSURE',
  layer: 'security',
  title: 'No NodePort, LoadBalancer or external IPs in the backend namespace (never for PostgreSQL or Redis)',
  criteria: ['SEC-1', 'ST-NETPOL'],
  needs: ['kubernetes'],
  rules: ['NP-9'], // and K8S-DB-EXPOSURE (src/netpol/workloads/rule-ids.ts)
  async run(ctx) {
    const set = await loadManifests(ctx);
    if ('skip' in set) return skip(set.skip);
    const ns = ctx.target.kubernetes!.namespace;
    const services = set.services.filter((s) => s.namespace === ns);
    if (services.length === 0) return skip(`The manifests hold no Service in namespace ${ns}: nothing is exposed, and nothing to judge.`);
    ctx.observe.judged(services.length);
    for (const f of checkExposure(set, ns)) ctx.findings.add(f);
    return pass({ message: `${services.length} Services of ${ns}: all ClusterIP, none with external IPs`, measurements: { services: services.length } });
  },
});
