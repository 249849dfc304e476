import type { ManifestSet } from '../manifests/objects';
import { NamespaceLabels, workloadEndpoints, type Endpoint, type ExternalEndpoint, type PodEndpoint } from './endpoints';
import { compilePolicies, type CompiledPolicies, type EnginePolicy } from './policy';

/**
 * Everything the engine decides on: the manifests' workloads, stand-in pods for namespaces the
 * manifests do not hold (DNS, ledger, ingress, monitoring), external addresses, the compiled
 * policies and the namespace labels.
 */
export interface PolicyModel {
  set: ManifestSet;
  endpoints: Endpoint[];
  policies: EnginePolicy[];
  rejected: CompiledPolicies['rejected'];
  namespaces: NamespaceLabels;
}

export function buildModel(set: ManifestSet, extra: { standIns?: PodEndpoint[]; externals?: ExternalEndpoint[] } = {}): PolicyModel {
  const compiled = compilePolicies(set.policies);
  const endpoints: Endpoint[] = [...workloadEndpoints(set), ...(extra.standIns ?? []), ...(extra.externals ?? [])];
  // Two workloads of one name (a Deployment and a StatefulSet, or a file applied twice) stay
  // apart: the later one is told by its kind and position.
  const seen = new Set<string>();
  for (const e of endpoints) {
    let id = e.id;
    for (let n = 2; seen.has(id); n++) id = `${e.id} (${e.kind === 'pod' ? e.workloadKind : 'external'}${n > 2 ? ` #${n - 1}` : ''})`;
    seen.add(id);
    e.id = id;
  }
  return {
    set,
    endpoints,
    policies: compiled.policies,
    rejected: compiled.rejected,
    namespaces: new NamespaceLabels(set.namespaces.map((n) => ({ name: n.name, labels: n.labels }))),
  };
}
