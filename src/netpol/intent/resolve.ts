import type { Endpoint, ExternalEndpoint, PodEndpoint } from '../engine/endpoints';
import type { Labels } from '../engine/selector';
import type { ManifestSet } from '../manifests/objects';
import type { IntentFile, PortRange } from './schema';

/**
 * The intent with its parameters filled in: concrete namespaces for every group, stand-in pods
 * for what the manifests lack, and the external addresses. Parameters come from the file and are
 * overridden by the profile (`kubernetes.namespace` → `backend`, `kubernetes.namespaces.*`).
 */

export interface Group {
  name: string;
  namespace: string;
  labels: Labels;
}

export interface Flow {
  id: string;
  from: Group[];
  to: Group[];
  ports: PortRange[];
}

export interface ResolvedIntent {
  parameters: Record<string, string>;
  scope: string;
  groups: Map<string, Group>;
  flows: Flow[];
  migrations: { containerName: RegExp; needs: string[] } | null;
  standIns: PodEndpoint[];
  externals: ExternalEndpoint[];
}

function substitute(text: string, params: Record<string, string>, at: string): string {
  return text.replace(/\{([A-Za-z0-9_-]+)\}/g, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`intent ${at}: unknown parameter {${name}} (known: ${Object.keys(params).join(', ')})`);
    return params[name];
  });
}

export function resolveIntent(file: IntentFile, overrides: Record<string, string | undefined> = {}): ResolvedIntent {
  const parameters = { ...file.parameters };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) parameters[k] = v;
  const groups = new Map<string, Group>();
  for (const [name, g] of Object.entries(file.groups)) {
    groups.set(name, { name, namespace: substitute(g.namespace, parameters, `groups.${name}.namespace`), labels: g.labels ?? {} });
  }
  const flows = file.flows.map((f) => ({ id: f.id, from: f.from.map((g) => groups.get(g)!), to: f.to.map((g) => groups.get(g)!), ports: f.ports }));
  const standIns: PodEndpoint[] = file.standIns.map((s, i) => {
    const namespace = substitute(s.namespace, parameters, `standIns[${i}].namespace`);
    return {
      kind: 'pod', id: `${namespace}/${s.name}`, name: s.name, namespace, labels: s.labels,
      ports: s.ports.map((p) => ({ port: p.from, protocol: p.protocol })), replicas: 1, workloadKind: 'stand-in', source: null,
    };
  });
  const externals: ExternalEndpoint[] = file.externals.map((e) => ({
    kind: 'external', id: `external/${e.name}`, name: e.name, address: e.address, ports: e.ports.map((p) => ({ port: p.from, protocol: p.protocol })),
  }));
  return {
    parameters,
    scope: substitute(file.scope, parameters, 'scope'),
    groups,
    flows,
    migrations: file.migrations ? { containerName: new RegExp(file.migrations.containerName, 'i'), needs: file.migrations.needs } : null,
    standIns,
    externals,
  };
}

export function inGroup(e: Endpoint, g: Group): boolean {
  return e.kind === 'pod' && e.namespace === g.namespace && Object.entries(g.labels).every(([k, v]) => e.labels[k] === v);
}

/** Stand-ins whose namespace and labels no manifest workload already has. */
export function neededStandIns(intent: ResolvedIntent, manifestPods: readonly Endpoint[]): PodEndpoint[] {
  return intent.standIns.filter((s) => !manifestPods.some((p) => inGroup(p, { name: s.name, namespace: s.namespace, labels: s.labels })));
}

/** Workloads running schema migrations (NP-10): a container or init container named like the pattern. */
export function migrationWorkloads(intent: ResolvedIntent, set: ManifestSet): Set<string> {
  const out = new Set<string>();
  if (!intent.migrations) return out;
  for (const w of set.workloads) {
    const containers = [...w.pod.containers, ...(w.pod.initContainers ?? [])];
    if (containers.some((c) => intent.migrations!.containerName.test(c.name))) out.add(`${w.namespace}/${w.name}`);
  }
  return out;
}
