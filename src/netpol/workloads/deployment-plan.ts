import type { Finding } from '../../evidence/types';
import type { ManifestSet } from '../manifests/objects';
import { manifestFinding, plannedWorkloads } from './find';
import { MIN_HEALTHY_PODS } from './plan';

/**
 * §13.1 replica plan and identity of the workloads, from the manifests:
 * - K8S-REPLICAS: each API Deployment ≥ 3 replicas, outbox-submitter ≥ 2, projector ≥ 1 (an HPA's
 *   minReplicas counts when the Deployment leaves replicas to it), 24 pods in all at minimum scale;
 * - K8S-LABELS: labels app=<name>, component, tier=backend, and the service account of its kind.
 * The manifests show the plan, not that pods run: that is FUNC-PODS-READY's job on a live cluster.
 */

export interface PlanReport {
  findings: Finding[];
  /** Pods the manifests plan at minimum scale for the §13.1 workloads. */
  plannedPods: number;
}

export function checkDeploymentPlan(set: ManifestSet, namespace: string): PlanReport {
  const findings: Finding[] = [];
  let plannedPods = 0;
  for (const { plan, workload: w } of plannedWorkloads(set, namespace)) {
    if (!w) {
      findings.push(manifestFinding('K8S-REPLICAS', null, `no Deployment ${namespace}/${plan.name} in the manifests (§13.1 plans ${plan.minReplicas} replica(s))`));
      continue;
    }
    const hpa = set.hpas.find((h) => h.namespace === namespace && h.target.name === plan.name);
    const replicas = w.replicasDeclared ? w.replicas : (hpa?.minReplicas ?? w.replicas);
    plannedPods += replicas;
    if (replicas < plan.minReplicas) {
      findings.push(manifestFinding('K8S-REPLICAS', w, `runs ${replicas} replica(s); §13.1 plans ${plan.minReplicas}`, w.replicasDeclared ? `spec.replicas: ${w.replicas}` : `no spec.replicas${hpa ? `; HPA minReplicas ${hpa.minReplicas}` : ''}`));
    }
    const want: Record<string, string> = { app: plan.name, component: plan.component, tier: 'backend' };
    const wrong = Object.entries(want).filter(([k, v]) => w.podLabels[k] !== v);
    if (wrong.length > 0) {
      findings.push(manifestFinding('K8S-LABELS', w, `pod labels ${wrong.map(([k, v]) => `${k}=${w.podLabels[k] ?? '(none)'} (want ${v})`).join(', ')}`));
    }
    const account = plan.component === 'api' ? 'backend-api' : 'backend-worker';
    if (w.pod.serviceAccountName !== account) {
      findings.push(manifestFinding('K8S-LABELS', w, `service account ${w.pod.serviceAccountName ?? '(default)'}; §13.1 wants ${account}`));
    }
  }
  if (plannedPods < MIN_HEALTHY_PODS) {
    findings.push(manifestFinding('K8S-REPLICAS', null, `the manifests plan ${plannedPods} pods for the API services and workers; §13.1 needs ${MIN_HEALTHY_PODS} at minimum scale`));
  }
  return { findings, plannedPods };
}
