import { defineCheck, pass, skip } from '../../../src/checks/define';
import { buildMatrix, matrixCounts } from '../../../src/netpol/report/matrix';
import { renderNetpolMatrix } from '../../../src/netpol/report/matrix-svg';
import { compareIntent, intentReport } from '../../../src/netpol/report/intent-text';
import type { Mismatch } from '../../../src/netpol/intent/diff';
import { isSkip, manifestAnalysis, NP_RULES } from './support';

/**
 * EDGE-12: the edge reaches the services only through the ingress controller (NP-7). An allow the
 * intent does not have, into an API pod's port (3001–3007) from outside the cluster or from another
 * namespace, is a way to the services around the ingress controller.
 */
function bypassesIngress(m: Mismatch, scope: string): boolean {
  if (m.kind !== 'unexpected-allow' || m.rule !== 'NP-9' || m.to.kind !== 'pod') return false;
  const intoApi = m.to.namespace === scope && m.to.labels.component === 'api' && m.port.protocol === 'TCP' && m.port.port >= 3001 && m.port.port <= 3007;
  return intoApi && (m.from.kind === 'external' || m.from.namespace !== scope);
}

/**
 * SEC-NETPOL-INTENT (NP-0 … NP-10, EDGE-12): the NetworkPolicies of the manifests, evaluated by the
 * engine over every workload pair and port, allow exactly the flows of §13.2. Each unexpected or
 * missing allow is a finding naming the manifest file, policy and rule that decided it.
 */
export const netpolIntentCheck = defineCheck({
  id: 'SEC-NETPOL-INTENT',
  layer: 'security',
  title: 'NetworkPolicies in the manifests allow exactly the §13.2 flows (intent vs computed truth table)',
  criteria: ['SEC-1', 'ST-NETPOL'],
  needs: ['kubernetes'],
  rules: [...NP_RULES, 'EDGE-12'],
  async run(ctx) {
    const a = await manifestAnalysis(ctx);
    if (isSkip(a)) return skip(a.skip);
    // Policy kinds of other network plugins (CiliumNetworkPolicy, …) are not evaluated: say so beside NP-0.
    const otherPolicies = Object.entries(a.set.ignoredKinds).filter(([kind]) => /Policy$/.test(kind)).map(([kind, n]) => `${kind} ×${n}`);
    if (otherPolicies.length > 0) ctx.log(`not evaluated (not Kubernetes NetworkPolicy v1): ${otherPolicies.join(', ')}`);
    for (const problem of a.defaultDeny) {
      const policies = a.model.policies.filter((p) => p.namespace === a.intent.scope).map((p) => `${p.id} (${p.source.file})`).join(', ') || 'none';
      const note = `NetworkPolicies in ${a.intent.scope}: ${policies}${otherPolicies.length > 0 ? `; not evaluated: ${otherPolicies.join(', ')}` : ''}`;
      ctx.findings.add({ rule: 'NP-0', text: problem, component: 'config', evidence: [{ note }] });
    }
    for (const r of a.model.rejected) {
      ctx.findings.add({
        rule: null, component: 'config',
        text: `NetworkPolicy ${r.policy.namespace}/${r.policy.name} (${r.policy.source.file}:${r.policy.source.line}) would be refused by the API server, so it enforces nothing`,
        evidence: [{ note: r.problems.join('; ') }],
      });
    }
    for (const m of a.mismatches) {
      const bypass = bypassesIngress(m, a.intent.scope);
      ctx.findings.add({
        rule: bypass ? 'EDGE-12' : m.rule,
        text: bypass ? `${m.text}: the API is reachable around the ingress controller` : m.text,
        component: 'config',
        evidence: [{ note: m.explanation, request: `manifests: ${m.files.join(', ') || '(no policy selects either side)'}` }],
      });
    }
    if (a.selectingNothing.length > 0) ctx.log(`policies selecting no pod: ${a.selectingNothing.join('; ')}`);
    const result = compareIntent(a);
    ctx.observe.judged(result.same + result.different);
    const matrix = buildMatrix(a, 'NetworkPolicy: intent vs manifests');
    await ctx.artifact('intent.txt', intentReport(a, result));
    await ctx.artifact('matrix.svg', renderNetpolMatrix(matrix));
    await ctx.artifact('matrix.json', JSON.stringify(matrix));
    const counts = matrixCounts(matrix);
    return pass({
      message: `${result.same} cells agree with §13.2 (${result.ignored} outside its scope) over ${a.model.endpoints.length} workloads and ${a.table.columns.length} destination ports; ${a.model.policies.length} policies`,
      measurements: {
        cells: result.same + result.different + result.ignored, correct: result.same, wrong: result.different, ignored: result.ignored,
        policies: a.model.policies.length, workloads: a.set.workloads.length, standIns: a.model.endpoints.filter((e) => e.kind === 'pod' && e.workloadKind === 'stand-in').length,
        pairsAllowed: counts.allowed, pairsMismatched: counts['intent-mismatch'],
      },
    });
  },
});
