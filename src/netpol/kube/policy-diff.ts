import type { V1NetworkPolicy } from '@kubernetes/client-node';
import YAML from 'yaml';
import type { Finding } from '../../evidence/types';
import type { PolicyObject } from '../manifests/objects';
import { networkPolicySpecSchema } from '../manifests/schema';

/**
 * Live NetworkPolicies vs the manifests, in the namespaces the manifests hold policies for: a
 * policy missing from the cluster, one the manifests do not have, or one whose spec differs.
 * Specs are compared after the API server's defaults (protocol TCP, policyTypes) and with null,
 * empty and absent fields alike, so only differences that change enforcement remain.
 */

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.length > 0 ? Object.fromEntries(entries) : {};
  }
  return value === null ? undefined : value;
}

export function canonicalSpec(spec: unknown): string {
  const parsed = networkPolicySpecSchema.safeParse(spec);
  if (!parsed.success) return `unparseable: ${JSON.stringify(spec)}`;
  const s = parsed.data;
  const types = s.policyTypes && s.policyTypes.length > 0 ? [...s.policyTypes].sort() : ['Ingress', ...((s.egress ?? []).length > 0 ? ['Egress'] : [])];
  return YAML.stringify(canonical({ ...s, policyTypes: types, podSelector: s.podSelector }) ?? {}).trim();
}

/** client-node's typed model names an ingress rule's `from` `_from` (a reserved word); back to the API's name. */
function apiSpec(spec: unknown): unknown {
  const s = spec as { ingress?: Array<Record<string, unknown>> } | undefined;
  if (!s?.ingress) return spec;
  return { ...s, ingress: s.ingress.map(({ _from, ...rule }) => (_from === undefined ? rule : { from: _from, ...rule })) };
}

export function diffPolicies(manifest: readonly PolicyObject[], live: readonly V1NetworkPolicy[], namespaces: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const key = (ns: string, name: string) => `${ns}/${name}`;
  const liveByKey = new Map(live.map((p) => [key(p.metadata?.namespace ?? '', p.metadata?.name ?? ''), p]));
  const manifestKeys = new Set(manifest.map((p) => key(p.namespace, p.name)));
  for (const m of manifest.filter((p) => namespaces.includes(p.namespace))) {
    const l = liveByKey.get(key(m.namespace, m.name));
    if (!l) {
      findings.push({ rule: 'K8S-POLICY-DRIFT', component: 'cluster', text: `NetworkPolicy ${m.namespace}/${m.name} (${m.source.file}) is not in the cluster` });
      continue;
    }
    const want = canonicalSpec(m.spec);
    const got = canonicalSpec(apiSpec(l.spec));
    if (want !== got) {
      findings.push({
        rule: 'K8S-POLICY-DRIFT', component: 'cluster',
        text: `NetworkPolicy ${m.namespace}/${m.name} in the cluster differs from ${m.source.file}`,
        evidence: [{ note: 'spec after API defaults: manifests (request) vs cluster (response)', request: want, response: got }],
      });
    }
  }
  for (const [k, l] of liveByKey) {
    if (manifestKeys.has(k) || !namespaces.includes(l.metadata?.namespace ?? '')) continue;
    findings.push({
      rule: 'K8S-POLICY-DRIFT', component: 'cluster', text: `NetworkPolicy ${k} is in the cluster but not in the manifests`,
      evidence: [{ note: 'spec in the cluster', response: canonicalSpec(apiSpec(l.spec)) }],
    });
  }
  return findings;
}
