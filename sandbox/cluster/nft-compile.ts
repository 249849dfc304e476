import type { Endpoint, NamespaceLabels, PodEndpoint } from '../../src/netpol/engine/endpoints';
import { peerMatches, selectingPolicies } from '../../src/netpol/engine/evaluate';
import type { Direction, EngineRule } from '../../src/netpol/engine/policy';
import type { PolicyModel } from '../../src/netpol/engine/model';
import type { PolicyPort } from '../../src/netpol/manifests/schema';
import { POD_SUBNET, type ClusterPlan, type PlannedPod } from './plan';

/**
 * The sandbox's network plugin: NetworkPolicies compiled into one nftables table per pod, loaded
 * inside the pod's own network namespace. `input` carries the pod's ingress rules and `output`
 * its egress rules; a direction no policy isolates keeps policy accept. Selectors are resolved to
 * the addresses of the matching pods (as a CNI does when pods come and go); named ports resolve on
 * the destination pod; ipBlock matches addresses outside the pod range only.
 */

export const NFT_TABLE = 'gxnp';

type AddrMatch = { kind: 'any' } | { kind: 'ips'; ips: string[] } | { kind: 'cidr'; cidr: string; except: string[] };
type PortMatch = { kind: 'any' } | { kind: 'proto'; proto: string } | { kind: 'range'; proto: string; from: number; to: number };

const proto = (p: string) => p.toLowerCase();

function addrText(dir: Direction, a: AddrMatch): string {
  const field = dir === 'ingress' ? 'ip saddr' : 'ip daddr';
  if (a.kind === 'any') return '';
  if (a.kind === 'ips') return `${field} { ${a.ips.join(', ')} }`;
  return `${field} ${a.cidr} ${field} != { ${[...a.except, POD_SUBNET].join(', ')} }`;
}

function portText(p: PortMatch): string {
  if (p.kind === 'any') return '';
  if (p.kind === 'proto') return `meta l4proto ${proto(p.proto)}`;
  return `${proto(p.proto)} dport ${p.from === p.to ? p.from : `${p.from}-${p.to}`}`;
}

/** A rule's ports, with named ports resolved on `destination` (null: no named port resolves there). */
function portMatches(ports: PolicyPort[] | null, destination: Endpoint | null): PortMatch[] {
  if (ports === null) return [{ kind: 'any' }];
  return ports.flatMap((p): PortMatch[] => {
    if (p.port === undefined) return [{ kind: 'proto', proto: p.protocol }];
    if (typeof p.port === 'number') return [{ kind: 'range', proto: p.protocol, from: p.port, to: p.endPort ?? p.port }];
    if (destination?.kind !== 'pod') return [];
    return destination.ports.filter((d) => d.name === p.port && d.protocol === p.protocol)
      .map((d) => ({ kind: 'range', proto: p.protocol, from: d.port, to: d.port }));
  });
}

interface Context {
  plan: ClusterPlan;
  model: PolicyModel;
  byWorkload: Map<string, Endpoint>;
}

const ipsOf = (c: Context, endpoints: readonly Endpoint[]) => {
  const ids = new Set(endpoints.map((e) => e.id));
  return c.plan.pods.filter((p) => ids.has(p.workload)).map((p) => p.ip);
};

function ruleLines(c: Context, self: PodEndpoint, dir: Direction, policyNs: string, rule: EngineRule, namespaces: NamespaceLabels): string[] {
  const lines: string[] = [];
  const emit = (a: AddrMatch, ports: PortMatch[]) => {
    if (a.kind === 'ips' && a.ips.length === 0) return;
    for (const p of ports) lines.push([addrText(dir, a), portText(p), 'accept'].filter(Boolean).join(' '));
  };
  const peers = rule.peers;
  const pods = [...c.byWorkload.values()].filter((e) => e.kind === 'pod');
  const selected = peers === null ? pods : pods.filter((e) => peers.some((p) => !p.ipBlock && peerMatches(p, policyNs, e, namespaces)));
  const hasNamed = (rule.ports ?? []).some((p) => typeof p.port === 'string');
  if (dir === 'ingress' || !hasNamed) {
    const ports = portMatches(rule.ports, dir === 'ingress' ? self : null);
    emit(peers === null ? { kind: 'any' } : { kind: 'ips', ips: ipsOf(c, selected) }, ports);
  } else {
    // Egress with a named port: the number differs per destination pod.
    for (const dest of selected) emit({ kind: 'ips', ips: ipsOf(c, [dest]) }, portMatches(rule.ports, dest));
    if (peers === null) emit({ kind: 'cidr', cidr: '0.0.0.0/0', except: [] }, portMatches(rule.ports?.filter((p) => typeof p.port !== 'string') ?? null, null));
  }
  for (const p of peers ?? []) {
    if (p.ipBlock) emit({ kind: 'cidr', cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] }, portMatches(rule.ports?.filter((x) => typeof x.port !== 'string') ?? null, null));
  }
  return lines;
}

function chain(c: Context, self: PodEndpoint, dir: Direction): string {
  const hook = dir === 'ingress' ? 'input' : 'output';
  const lo = dir === 'ingress' ? 'iif' : 'oif';
  const policies = selectingPolicies(c.model.policies, self, dir);
  if (policies.length === 0) return `  chain ${dir} {\n    type filter hook ${hook} priority 0; policy accept;\n  }`;
  const rules = policies.flatMap((p) => (dir === 'ingress' ? p.ingress : p.egress)
    .flatMap((r) => ruleLines(c, self, dir, p.namespace, r, c.model.namespaces).map((l) => `    ${l} comment "${p.id} ${dir}[${r.index}]"`)));
  return [
    `  chain ${dir} {`,
    `    type filter hook ${hook} priority 0; policy drop;`,
    '    ct state established,related accept',
    `    ${lo} "lo" accept`,
    ...rules,
    '  }',
  ].join('\n');
}

/** The nftables script for one pod (null for an external host: nothing in the cluster isolates it). */
export function compilePodRuleset(plan: ClusterPlan, model: PolicyModel, pod: PlannedPod): string | null {
  const byWorkload = new Map(model.endpoints.map((e) => [e.id, e]));
  const self = byWorkload.get(pod.workload);
  if (!self || self.kind !== 'pod') return null;
  const c: Context = { plan, model, byWorkload };
  return `table inet ${NFT_TABLE} {\n${chain(c, self, 'ingress')}\n${chain(c, self, 'egress')}\n}\n`;
}
