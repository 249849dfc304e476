import type { PolicyPeer, PolicyPort } from '../manifests/schema';
import { inIpBlock } from './cidr';
import type { Endpoint, NamespaceLabels, PodEndpoint, PortProto } from './endpoints';
import type { Direction, EnginePolicy, EngineRule } from './policy';
import { matchesSelector } from './selector';

/**
 * One connection decided by NetworkPolicy v1: the source's egress side and the destination's
 * ingress side must both allow it. A side is "isolated" when at least one policy of its pod's
 * namespace selects the pod for that direction; an isolated side allows exactly what some rule of
 * those policies matches. External addresses have no side of their own (nothing in the cluster
 * isolates the internet), and ipBlock matches only them: which pod addresses an ipBlock covers is
 * left to each network plugin by the API, so the engine does not guess.
 */

export interface RuleRef {
  policy: EnginePolicy;
  direction: Direction;
  index: number;
}

export interface SideVerdict {
  /** False for an external endpoint: no policy applies on its side. */
  applies: boolean;
  isolated: boolean;
  allowed: boolean;
  /** Policies selecting the pod for this direction. */
  selecting: EnginePolicy[];
  /** The rules that allow the connection (empty when denied or not isolated). */
  allowedBy: RuleRef[];
}

export interface Verdict {
  allowed: boolean;
  egress: SideVerdict;
  ingress: SideVerdict;
}

export interface Connection {
  from: Endpoint;
  to: Endpoint;
  port: PortProto;
}

export function peerMatches(peer: PolicyPeer, policyNamespace: string, other: Endpoint, namespaces: NamespaceLabels): boolean {
  if (other.kind === 'external') return peer.ipBlock ? inIpBlock(peer.ipBlock, other.address) : false;
  if (peer.ipBlock) return false;
  const nsOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, namespaces.of(other.namespace))
    : other.namespace === policyNamespace;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
  return nsOk && podOk;
}

/** A named port resolves on the destination pod: the container port with that name and protocol. */
function portMatches(rulePort: PolicyPort, port: PortProto, destination: Endpoint): boolean {
  if (rulePort.protocol !== port.protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'number') {
    return rulePort.endPort !== undefined ? port.port >= rulePort.port && port.port <= rulePort.endPort : port.port === rulePort.port;
  }
  if (destination.kind !== 'pod') return false;
  return destination.ports.some((p) => p.name === rulePort.port && p.protocol === port.protocol && p.port === port.port);
}

export function ruleMatches(rule: EngineRule, policyNamespace: string, other: Endpoint, port: PortProto, destination: Endpoint, namespaces: NamespaceLabels): { peer: boolean; port: boolean } {
  const peer = rule.peers === null || rule.peers.some((p) => peerMatches(p, policyNamespace, other, namespaces));
  const portOk = rule.ports === null || rule.ports.some((p) => portMatches(p, port, destination));
  return { peer, port: portOk };
}

export function selectingPolicies(policies: readonly EnginePolicy[], pod: PodEndpoint, direction: Direction): EnginePolicy[] {
  return policies.filter((p) => p.namespace === pod.namespace
    && (direction === 'ingress' ? p.affectsIngress : p.affectsEgress)
    && matchesSelector(p.podSelector, pod.labels));
}

const OPEN: SideVerdict = { applies: false, isolated: false, allowed: true, selecting: [], allowedBy: [] };

function side(policies: readonly EnginePolicy[], subject: Endpoint, other: Endpoint, direction: Direction, c: Connection, namespaces: NamespaceLabels): SideVerdict {
  if (subject.kind !== 'pod') return OPEN;
  const selecting = selectingPolicies(policies, subject, direction);
  if (selecting.length === 0) return { applies: true, isolated: false, allowed: true, selecting, allowedBy: [] };
  const allowedBy: RuleRef[] = [];
  for (const policy of selecting) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      const m = ruleMatches(rule, policy.namespace, other, c.port, c.to, namespaces);
      if (m.peer && m.port) allowedBy.push({ policy, direction, index: rule.index });
    }
  }
  return { applies: true, isolated: true, allowed: allowedBy.length > 0, selecting, allowedBy };
}

export function evaluate(policies: readonly EnginePolicy[], c: Connection, namespaces: NamespaceLabels): Verdict {
  const egress = side(policies, c.from, c.to, 'egress', c, namespaces);
  const ingress = side(policies, c.to, c.from, 'ingress', c, namespaces);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}
