import type { Endpoint, NamespaceLabels, PortProto } from '../engine/endpoints';
import type { SideVerdict } from '../engine/evaluate';
import { explainVerdict, nearMisses } from '../engine/explain';
import type { EnginePolicy } from '../engine/policy';
import { isEmptySelector } from '../engine/selector';
import type { TruthTable } from '../table/truth-table';
import type { ExpectedTable } from './expected';

/**
 * Intent vs manifests, cell by cell. An unexpected allow names the rules that let it through (or
 * the missing isolation); a missing allow names the policies isolating the side that denies it
 * and the near misses. Rule ids: the flow's (NP-1 … NP-8, NP-10) for a missing allow; NP-0 for an
 * allow that exists only because a pod of the scope is not isolated; NP-9 for any other extra allow.
 */

export interface Mismatch {
  kind: 'unexpected-allow' | 'missing-allow';
  from: Endpoint;
  to: Endpoint;
  port: PortProto;
  rule: string;
  /** One line: what is wrong with which connection. */
  text: string;
  /** Which manifest file, policy and rule decided each side. */
  explanation: string;
  /** Files of the policies responsible (for grouping and evidence). */
  files: string[];
}

const conn = (from: Endpoint, to: Endpoint, p: PortProto) => `${from.id} → ${to.id} ${p.port}/${p.protocol}`;

function responsibleFiles(sides: SideVerdict[]): string[] {
  const files = sides.flatMap((s) => (s.allowed ? s.allowedBy.map((r) => r.policy.source.file) : s.selecting.map((p) => p.source.file)));
  return [...new Set(files)];
}

export function diffIntent(table: TruthTable, expected: ExpectedTable, scope: string, namespaces: NamespaceLabels): Mismatch[] {
  const out: Mismatch[] = [];
  for (const from of table.endpoints) {
    for (const col of table.columns) {
      if (from.kind === 'external' && col.to.kind === 'external') continue;
      const want = expected.cell(from.id, col.id);
      if (!want.judged) continue;
      const { verdict } = table.cell(from.id, col.id);
      const wanted = want.allowedBy.length > 0;
      if (wanted === verdict.allowed) continue;
      const to = col.to;
      const explanation = explainVerdict(verdict, from, to);
      if (verdict.allowed) {
        const unisolated = [verdict.egress.applies && !verdict.egress.isolated && from.kind === 'pod' && from.namespace === scope,
          verdict.ingress.applies && !verdict.ingress.isolated && to.kind === 'pod' && to.namespace === scope].some(Boolean);
        out.push({
          kind: 'unexpected-allow', from, to, port: col.port, rule: unisolated ? 'NP-0' : 'NP-9',
          text: `${conn(from, to, col.port)} is allowed, but no §13.2 flow permits it`,
          explanation, files: responsibleFiles([verdict.egress, verdict.ingress]),
        });
      } else {
        const misses = [
          ...nearMisses(verdict.egress, 'egress', to, col.port, to, namespaces),
          ...nearMisses(verdict.ingress, 'ingress', from, col.port, to, namespaces),
        ];
        out.push({
          kind: 'missing-allow', from, to, port: col.port, rule: want.allowedBy[0],
          text: `${conn(from, to, col.port)} is denied, but ${want.allowedBy.join(', ')} require${want.allowedBy.length > 1 ? '' : 's'} it`,
          explanation: misses.length > 0 ? `${explanation}; near misses: ${misses.join('; ')}` : explanation,
          files: responsibleFiles([verdict.egress, verdict.ingress].filter((s) => !s.allowed)),
        });
      }
    }
  }
  return out;
}

/** NP-0: a policy with an empty podSelector and no rules isolating the scope namespace, per direction. */
export function defaultDenyProblems(policies: readonly EnginePolicy[], scope: string): string[] {
  const denies = (dir: 'ingress' | 'egress') => policies.find((p) => p.namespace === scope && isEmptySelector(p.podSelector)
    && (dir === 'ingress' ? p.affectsIngress && p.ingress.length === 0 : p.affectsEgress && p.egress.length === 0));
  const missing = (['ingress', 'egress'] as const).filter((d) => !denies(d));
  if (missing.length === 0) return [];
  return [`no explicit default-deny policy (podSelector {}, no rules) isolates every pod of ${scope} for ${missing.join(' and ')}`];
}

