import type { Source } from '../manifests/load';
import type { ManifestSet, WorkloadKind } from '../manifests/objects';
import type { Labels } from './selector';

/**
 * Who takes part in traffic: pod endpoints (one per workload: every pod of a Deployment shares
 * its template, so labels and named ports are the template's) and external addresses (outside
 * the cluster, reached or matched only through ipBlock). Namespaces carry their labels, with
 * `kubernetes.io/metadata.name` set as the API server does.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortProto {
  port: number;
  protocol: Protocol;
}

export interface DeclaredPort extends PortProto {
  /** The container port's name (named ports in policies resolve against it, per pod). */
  name?: string;
}

export interface PodEndpoint {
  kind: 'pod';
  /** `<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  labels: Labels;
  ports: DeclaredPort[];
  replicas: number;
  workloadKind: WorkloadKind | 'stand-in';
  source: Source | null;
}

export interface ExternalEndpoint {
  kind: 'external';
  id: string;
  name: string;
  address: string;
  ports: PortProto[];
}

export type Endpoint = PodEndpoint | ExternalEndpoint;

export const METADATA_NAME = 'kubernetes.io/metadata.name';

export class NamespaceLabels {
  private readonly byName = new Map<string, Labels>();
  constructor(defined: ReadonlyArray<{ name: string; labels: Labels }> = []) {
    for (const ns of defined) this.byName.set(ns.name, { ...ns.labels, [METADATA_NAME]: ns.name });
  }
  /** A namespace the manifests do not define has only its name label. */
  of(name: string): Labels {
    return this.byName.get(name) ?? { [METADATA_NAME]: name };
  }
  names(): string[] {
    return [...this.byName.keys()];
  }
}

export const endpointKey = (p: PortProto) => `${p.port}/${p.protocol}`;

/** The ports a pod listens on (containers, not init containers), deduplicated by port/protocol. */
export function declaredPorts(containers: ReadonlyArray<{ ports?: ReadonlyArray<{ name?: string; containerPort: number; protocol: Protocol }> | null }>): DeclaredPort[] {
  const seen = new Map<string, DeclaredPort>();
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      const port = { port: p.containerPort, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) };
      if (!seen.has(endpointKey(port))) seen.set(endpointKey(port), port);
    }
  }
  return [...seen.values()];
}

export function workloadEndpoints(set: ManifestSet): PodEndpoint[] {
  return set.workloads.map((w) => ({
    kind: 'pod',
    id: `${w.namespace}/${w.name}`,
    name: w.name,
    namespace: w.namespace,
    labels: w.podLabels,
    ports: declaredPorts(w.pod.containers),
    replicas: w.replicas,
    workloadKind: w.kind,
    source: w.source,
  }));
}
