import { defineCheck, pass, skip } from '../../../src/checks/define';
import { diffPolicies } from '../../../src/netpol/kube/policy-diff';
import { loadManifests } from '../manifests/support';
import { clusterAccess, snapshotOf } from '../manifests/cluster-access';

/**
 * SEC-NETPOL-CLUSTER-DIFF: the NetworkPolicies in the cluster are the ones of the manifests —
 * none missing, none added by hand, none edited (compared after the API server's defaults). What
 * the manifests were judged on (SEC-NETPOL-INTENT) is then what the cluster runs.
 */
export const netpolClusterDiffCheck = defineCheck({
  id: 'SEC-NETPOL-CLUSTER-DIFF',
  layer: 'security',
  title: 'The cluster runs exactly the NetworkPolicies of the manifests (none missing, added or edited)',
  criteria: ['SEC-1', 'ST-NETPOL'],
  needs: ['kubernetes'],
  // Findings: K8S-POLICY-DRIFT (src/netpol/workloads/rule-ids.ts).
  async run(ctx) {
    const set = await loadManifests(ctx);
    if ('skip' in set) return skip(set.skip);
    const c = await clusterAccess(ctx, 'Comparing live NetworkPolicies');
    if ('skip' in c) return skip(c.skip);
    const namespaces = [...new Set([ctx.target.kubernetes!.namespace, ...set.policies.map((p) => p.namespace)])];
    const live = [];
    for (const ns of namespaces) live.push(...(await snapshotOf(c, ns)).policies);
    ctx.observe.judged(Math.max(1, set.policies.length + live.length));
    for (const f of diffPolicies(set.policies, live, namespaces)) ctx.findings.add(f);
    return pass({
      message: `${live.length} NetworkPolicies in ${namespaces.join(', ')} (${c.label}) match the ${set.policies.length} of the manifests`,
      measurements: { live: live.length, manifests: set.policies.length },
    });
  },
});
