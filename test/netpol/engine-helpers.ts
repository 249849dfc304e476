import type { Endpoint, ExternalEndpoint, PortProto, Protocol } from '../../src/netpol/engine/endpoints';
import { evaluate, type Verdict } from '../../src/netpol/engine/evaluate';
import { buildModel, type PolicyModel } from '../../src/netpol/engine/model';
import { parseManifestText } from '../../src/netpol/manifests/load';
import { buildManifestSet } from '../../src/netpol/manifests/objects';

/** Builds a model from inline YAML (one "file") and asks the engine about one connection. */

export function model(yamlText: string, externals: ExternalEndpoint[] = []): PolicyModel {
  const parsed = parseManifestText(yamlText, 'case.yaml');
  const set = buildManifestSet({ root: '/inline', base: '/inline', files: ['case.yaml'], ...parsed }, 'default');
  if (set.problems.length > 0) throw new Error(set.problems.map((p) => p.message).join('\n'));
  return buildModel(set, { externals });
}

export function endpoint(m: PolicyModel, id: string): Endpoint {
  const e = m.endpoints.find((x) => x.id === id);
  if (!e) throw new Error(`no endpoint ${id}; have ${m.endpoints.map((x) => x.id).join(', ')}`);
  return e;
}

export function verdict(m: PolicyModel, from: string, to: string, port: number, protocol: Protocol = 'TCP'): Verdict {
  const p: PortProto = { port, protocol };
  return evaluate(m.policies, { from: endpoint(m, from), to: endpoint(m, to), port: p }, m.namespaces);
}

export const allowed = (m: PolicyModel, from: string, to: string, port: number, protocol: Protocol = 'TCP') => verdict(m, from, to, port, protocol).allowed;

/** A bare Pod with labels and container ports (`80`, `http:8080`, `dns:53/UDP`). */
export function pod(ns: string, name: string, labels: Record<string, string>, ports: string[] = ['80']): string {
  const portYaml = ports.map((spec) => {
    const m = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP))?$/.exec(spec)!;
    return `        - { ${m[1] ? `name: ${m[1]}, ` : ''}containerPort: ${m[2]}, protocol: ${m[3] ?? 'TCP'} }`;
  }).join('\n');
  return `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${ns}, labels: ${JSON.stringify(labels)} }
spec:
  containers:
    - name: main
      image: agent
      ports:
${portYaml}
`;
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return `---
apiVersion: v1
kind: Namespace
metadata: { name: ${name}, labels: ${JSON.stringify(labels)} }
`;
}

export const external = (name: string, address: string, ports: PortProto[] = [{ port: 443, protocol: 'TCP' }]): ExternalEndpoint =>
  ({ kind: 'external', id: `external/${name}`, name, address, ports });

/** A NetworkPolicy document; `spec` is YAML indented by the caller's two spaces. */
export const policy = (ns: string, name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec.split('\n').map((l) => `  ${l}`).join('\n')}
`;
