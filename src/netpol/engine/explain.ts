import type { Endpoint, NamespaceLabels, PortProto } from './endpoints';
import { ruleMatches, type SideVerdict, type Verdict } from './evaluate';
import { describeRule, type Direction, type EnginePolicy } from './policy';
import { describeSelector, matchesSelector } from './selector';

/**
 * Words for a verdict: which policies and rules decided each side, and for a denied side the
 * near misses (a rule that matches the peer but not the port, or the port but not the peer),
 * which is where a typo or a missing port usually hides.
 */

const policyList = (ps: readonly EnginePolicy[]) => ps.map((p) => `${p.id} (${p.source.file})`).join(', ');

export function explainSide(side: SideVerdict, direction: Direction, subject: Endpoint): string {
  if (!side.applies) return `${direction}: outside the cluster (no policy applies)`;
  if (!side.isolated) return `${direction}: not isolated (no policy selects ${subject.id} for ${direction})`;
  if (side.allowed) return `${direction}: allowed by ${side.allowedBy.map((r) => describeRule(r.policy, r.direction, r.index)).join('; ')}`;
  return `${direction}: denied (${subject.id} is isolated for ${direction} by ${policyList(side.selecting)}; no ${direction} rule matches)`;
}

export function explainVerdict(v: Verdict, from: Endpoint, to: Endpoint): string {
  return `${explainSide(v.egress, 'egress', from)}; ${explainSide(v.ingress, 'ingress', to)}`;
}

/** Rules of the isolating policies that match half of the connection. */
export function nearMisses(side: SideVerdict, direction: Direction, other: Endpoint, port: PortProto, destination: Endpoint, namespaces: NamespaceLabels): string[] {
  if (!side.isolated || side.allowed) return [];
  const out: string[] = [];
  for (const policy of side.selecting) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      const m = ruleMatches(rule, policy.namespace, other, port, destination, namespaces);
      const at = describeRule(policy, direction, rule.index);
      if (m.peer && !m.port) out.push(`${at} matches ${other.id} but not ${port.port}/${port.protocol}`);
      if (m.port && !m.peer) out.push(`${at} matches ${port.port}/${port.protocol} but not ${other.id}`);
    }
  }
  return out;
}

/** Policies whose podSelector selects no pod of their namespace (often a label typo). */
export function policiesSelectingNothing(policies: readonly EnginePolicy[], pods: readonly Endpoint[]): string[] {
  return policies
    .filter((p) => !pods.some((e) => e.kind === 'pod' && e.namespace === p.namespace && matchesSelector(p.podSelector, e.labels)))
    .map((p) => `${p.id} (${p.source.file}:${p.source.line}) selects no pod: podSelector ${describeSelector(p.podSelector)}`);
}
