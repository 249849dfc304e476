import { defineCheck, pass, skip } from '../../../src/checks/define';
import { judgePods } from '../../../src/netpol/kube/pods-ready';
import { MIN_HEALTHY_PODS } from '../../../src/netpol/workloads/plan';
import { clusterAccess, snapshotOf } from './cluster-access';

/**
 * FUNC-PODS-READY (FUNC-1, §13.1 healthy pod count): in the live cluster every pod of the API
 * services and workers is Ready, each Deployment has its planned ready pods, and at least 24 are
 * ready in all. The only check that sees pods; without cluster access it is skipped.
 */
export const podsReadyCheck = defineCheck({
  id: 'FUNC-PODS-READY',
  layer: 'security',
  title: `Every API and worker pod is ready in the cluster, per-Deployment counts as §13.1, at least ${MIN_HEALTHY_PODS} in all`,
  criteria: ['FUNC-1'],
  needs: ['kubernetes'],
  // Findings: K8S-PODS-READY, K8S-REPLICAS (src/netpol/workloads/rule-ids.ts).
  async run(ctx) {
    const c = await clusterAccess(ctx, 'Counting ready pods');
    if ('skip' in c) return skip(c.skip);
    const ns = ctx.target.kubernetes!.namespace;
    const snapshot = await snapshotOf(c, ns);
    const result = judgePods(snapshot);
    ctx.observe.judged(Math.max(1, result.counts.reduce((n, x) => n + x.total, 0)));
    for (const f of result.findings) ctx.findings.add(f);
    return pass({
      message: `${result.ready} pods ready in ${ns} (${c.label}): ${result.counts.map((x) => `${x.deployment} ${x.ready}/${x.planned}`).join(', ')}`,
      measurements: { ready: result.ready, ...Object.fromEntries(result.counts.map((x) => [`ready.${x.deployment}`, x.ready])) },
    });
  },
});
