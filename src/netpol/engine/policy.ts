import { isIP } from 'node:net';
import type { Source } from '../manifests/load';
import type { PolicyObject } from '../manifests/objects';
import type { LabelSelector, PolicyPeer, PolicyPort } from '../manifests/schema';
import { parseCidr } from './cidr';
import { selectorProblems } from './selector';

/**
 * A NetworkPolicy as the engine applies it. Defaults follow the API server:
 * - policyTypes, when absent or empty, is [Ingress] plus Egress only if the policy has at least
 *   one egress rule (`egress: []` does not make a policy affect egress);
 * - a policy affecting a direction with no rules denies that whole direction for the pods it selects;
 * - a rule whose `from`/`to` is absent or empty matches every peer; absent or empty `ports` every port.
 * A policy the API server would refuse (a peer with no selector, ipBlock beside a selector, a bad
 * CIDR, a named port with endPort, …) is not applied: it is reported as a problem instead.
 */

export interface EngineRule {
  /** Index in the policy's ingress or egress list (for "policy X ingress[1]"). */
  index: number;
  /** null: every peer. */
  peers: PolicyPeer[] | null;
  /** null: every port and protocol. */
  ports: PolicyPort[] | null;
}

export interface EnginePolicy {
  /** `<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  source: Source;
  podSelector: LabelSelector;
  affectsIngress: boolean;
  affectsEgress: boolean;
  ingress: EngineRule[];
  egress: EngineRule[];
}

export type Direction = 'ingress' | 'egress';

function peerProblems(peer: PolicyPeer, at: string): string[] {
  const selectors = [peer.podSelector, peer.namespaceSelector].filter((s) => s !== undefined && s !== null).length;
  const out: string[] = [];
  if (!peer.ipBlock && selectors === 0) out.push(`${at}: a peer needs podSelector, namespaceSelector or ipBlock`);
  if (peer.ipBlock && selectors > 0) out.push(`${at}: ipBlock cannot be combined with a selector`);
  if (peer.podSelector) out.push(...selectorProblems(peer.podSelector, `${at}.podSelector`));
  if (peer.namespaceSelector) out.push(...selectorProblems(peer.namespaceSelector, `${at}.namespaceSelector`));
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (!cidr) out.push(`${at}.ipBlock.cidr: not a CIDR: ${peer.ipBlock.cidr}`);
    (peer.ipBlock.except ?? []).forEach((e, i) => {
      const ex = parseCidr(e);
      if (!ex) out.push(`${at}.ipBlock.except[${i}]: not a CIDR: ${e}`);
      else if (cidr && (ex.family !== cidr.family || ex.prefix <= cidr.prefix)) out.push(`${at}.ipBlock.except[${i}]: ${e} is not strictly inside ${peer.ipBlock!.cidr}`);
    });
  }
  return out;
}

function portProblems(p: PolicyPort, at: string): string[] {
  if (p.endPort === undefined) {
    if (typeof p.port === 'string' && !/[a-z]/i.test(p.port)) return [`${at}.port: a named port needs a letter ("${p.port}" is not a port number here)`];
    return [];
  }
  if (typeof p.port !== 'number') return [`${at}.endPort: needs a numeric port`];
  return p.endPort < p.port ? [`${at}.endPort: ${p.endPort} is below port ${p.port}`] : [];
}

function rules(list: ReadonlyArray<{ from?: PolicyPeer[] | null; to?: PolicyPeer[] | null; ports?: PolicyPort[] | null }> | null | undefined, key: 'from' | 'to'): EngineRule[] {
  return (list ?? []).map((r, index) => {
    const peers = r[key];
    return { index, peers: peers && peers.length > 0 ? peers : null, ports: r.ports && r.ports.length > 0 ? r.ports : null };
  });
}

export interface CompiledPolicies {
  policies: EnginePolicy[];
  /** Policies not applied, with why (the API server would refuse them). */
  rejected: { policy: PolicyObject; problems: string[] }[];
}

export function compilePolicies(objects: readonly PolicyObject[]): CompiledPolicies {
  const out: CompiledPolicies = { policies: [], rejected: [] };
  for (const o of objects) {
    const s = o.spec;
    const problems = [...selectorProblems(s.podSelector, 'spec.podSelector')];
    (s.ingress ?? []).forEach((r, i) => {
      (r.from ?? []).forEach((p, j) => problems.push(...peerProblems(p, `spec.ingress[${i}].from[${j}]`)));
      (r.ports ?? []).forEach((p, j) => problems.push(...portProblems(p, `spec.ingress[${i}].ports[${j}]`)));
    });
    (s.egress ?? []).forEach((r, i) => {
      (r.to ?? []).forEach((p, j) => problems.push(...peerProblems(p, `spec.egress[${i}].to[${j}]`)));
      (r.ports ?? []).forEach((p, j) => problems.push(...portProblems(p, `spec.egress[${i}].ports[${j}]`)));
    });
    if (problems.length > 0) {
      out.rejected.push({ policy: o, problems });
      continue;
    }
    const types = s.policyTypes && s.policyTypes.length > 0
      ? s.policyTypes
      : ['Ingress', ...((s.egress ?? []).length > 0 ? ['Egress'] : [])];
    out.policies.push({
      id: `${o.namespace}/${o.name}`, name: o.name, namespace: o.namespace, source: o.source,
      podSelector: s.podSelector,
      affectsIngress: types.includes('Ingress'),
      affectsEgress: types.includes('Egress'),
      ingress: rules(s.ingress, 'from'),
      egress: rules(s.egress, 'to'),
    });
  }
  return out;
}

/** "network/10-postgres.yaml backend-mainnet/allow-postgres ingress[0]". */
export function describeRule(policy: EnginePolicy, direction: Direction, index: number): string {
  return `${policy.source.file} ${policy.id} ${direction}[${index}]`;
}

export const isAddress = (value: string): boolean => isIP(value) !== 0;
