import type { Finding } from '../../evidence/types';
import type { ManifestSet, WorkloadObject } from '../manifests/objects';
import { where } from '../manifests/objects';
import { REPLICA_PLAN, type PlannedWorkload } from './plan';

/** Shared by the §13.1 checks: the planned workloads found in the manifests, and finding helpers. */

export interface Planned {
  plan: PlannedWorkload;
  workload: WorkloadObject | undefined;
}

export function plannedWorkloads(set: ManifestSet, namespace: string): Planned[] {
  return REPLICA_PLAN.map((plan) => ({
    plan,
    workload: set.workloads.find((w) => w.namespace === namespace && w.name === plan.name && (w.kind === 'Deployment' || w.kind === 'StatefulSet')),
  }));
}

/** A finding about a manifest object: the text says what, the evidence where (file:line). */
export function manifestFinding(rule: string, o: { kind: string; namespace: string; name: string; source: { file: string; line: number } } | null, text: string, detail?: string): Finding {
  return {
    rule,
    component: 'config',
    text: o ? `${o.kind} ${o.namespace}/${o.name}: ${text}` : text,
    ...(o || detail ? { evidence: [{ note: [o ? `at ${where(o)}` : null, detail].filter(Boolean).join('; ') }] } : {}),
  };
}
