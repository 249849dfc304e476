import type { V1Pod } from '@kubernetes/client-node';
import type { Finding } from '../../evidence/types';
import { matchesSelector } from '../engine/selector';
import { labelSelectorSchema } from '../manifests/schema';
import { MIN_HEALTHY_PODS, REPLICA_PLAN } from '../workloads/plan';
import type { ClusterSnapshot } from './read';

/**
 * FUNC-1 from a live cluster: every pod of the §13.1 Deployments is Ready, each Deployment has at
 * least its planned ready pods, and at least 24 are ready in all. Probe pods of gx-verify itself
 * and finished Job pods are not the deployment's and are left out.
 */

export interface PodCount {
  deployment: string;
  ready: number;
  total: number;
  planned: number;
}

export interface PodsReadyResult {
  counts: PodCount[];
  ready: number;
  findings: Finding[];
}

export const isReady = (p: V1Pod) => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const notReadyWhy = (p: V1Pod) => {
  const waiting = (p.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).filter(Boolean);
  const cond = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
  return [p.status?.phase ?? 'no phase', ...waiting, cond?.reason, cond?.message].filter(Boolean).join(', ');
};

export function judgePods(s: ClusterSnapshot): PodsReadyResult {
  const findings: Finding[] = [];
  const pods = s.pods.filter((p) => !p.metadata?.labels?.['gx-verify/probe-set'] && p.status?.phase !== 'Succeeded');
  const counts: PodCount[] = [];
  for (const plan of REPLICA_PLAN) {
    const d = s.deployments.find((x) => x.metadata?.name === plan.name);
    if (!d) {
      findings.push({ rule: 'K8S-REPLICAS', component: 'deployment', text: `Deployment ${s.namespace}/${plan.name} does not exist (§13.1 plans ${plan.minReplicas} replicas)` });
      counts.push({ deployment: plan.name, ready: 0, total: 0, planned: plan.minReplicas });
      continue;
    }
    const selector = labelSelectorSchema.safeParse(d.spec?.selector ?? {});
    const mine = selector.success ? pods.filter((p) => matchesSelector(selector.data, p.metadata?.labels ?? {})) : [];
    const ready = mine.filter(isReady);
    counts.push({ deployment: plan.name, ready: ready.length, total: mine.length, planned: plan.minReplicas });
    for (const p of mine.filter((x) => !isReady(x))) {
      findings.push({ rule: 'K8S-PODS-READY', component: 'deployment', text: `pod ${s.namespace}/${p.metadata?.name} of ${plan.name} is not ready (${notReadyWhy(p)})` });
    }
    if (ready.length < plan.minReplicas) {
      findings.push({ rule: 'K8S-REPLICAS', component: 'deployment', text: `${plan.name} has ${ready.length} ready pods of ${mine.length}; §13.1 plans at least ${plan.minReplicas}` });
    }
  }
  const ready = counts.reduce((n, c) => n + c.ready, 0);
  if (ready < MIN_HEALTHY_PODS) {
    findings.push({ rule: 'K8S-REPLICAS', component: 'deployment', text: `${ready} pods ready in all; a healthy deployment runs at least ${MIN_HEALTHY_PODS} (§16 FUNC-1 note)` });
  }
  return { counts, ready, findings };
}
