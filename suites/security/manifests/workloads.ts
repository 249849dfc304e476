import { defineCheck, pass, skip } from '../../../src/checks/define';
import { checkContainers } from '../../../src/netpol/workloads/containers';
import { checkDeploymentPlan } from '../../../src/netpol/workloads/deployment-plan';
import { checkServicePorts } from '../../../src/netpol/workloads/services';
import { judgeWorkloads, loadManifests } from './support';

/**
 * SEC-K8S-WORKLOADS (§13.1, FUNC-1 evidence from the manifests): the replica plan (24 pods at
 * minimum scale), labels and service accounts, probes, API resources, container ports and the
 * Services in front of them. It shows what is planned, not that pods are healthy.
 */
export const k8sWorkloadsCheck = defineCheck({
  id: 'SEC-K8S-WORKLOADS',
  layer: 'security',
  title: 'Manifests match the §13.1 workload plan: replicas (24 pods), probes, resources, ports and Services',
  criteria: ['FUNC-1'],
  needs: ['kubernetes'],
  // Findings: K8S-REPLICAS, -LABELS, -PROBES, -RESOURCES, -SERVICE-PORTS, -WORKER-PORTS (src/netpol/workloads/rule-ids.ts).
  async run(ctx) {
    const set = await loadManifests(ctx);
    if ('skip' in set) return skip(set.skip);
    const ns = ctx.target.kubernetes!.namespace;
    const plan = checkDeploymentPlan(set, ns);
    const found = judgeWorkloads(ctx, set, [...plan.findings, ...checkContainers(set, ns), ...checkServicePorts(set, ns)]);
    return pass({
      message: `${found} of 9 §13.1 workloads in the manifests plan ${plan.plannedPods} pods at minimum scale; probes, resources, ports and Services as §13.1`,
      measurements: { workloads: found, plannedPods: plan.plannedPods, services: set.services.filter((s) => s.namespace === ns).length },
    });
  },
});
