import YAML from 'yaml';
import type { CheckContext } from '../../../src/checks/define';
import type { NetpolAnalysis } from '../../../src/netpol/analysis';
import { describeApiError, kubeClients } from '../../../src/netpol/kube/client';
import { probeSet, probeSetYaml } from '../../../src/netpol/kube/probe-pods';
import { KubeProbeRunner } from '../../../src/netpol/kube/probe-runner';
import { readNamespace } from '../../../src/netpol/kube/read';
import { planJobs } from '../../../src/netpol/live/probe';
import type { LivePod } from '../../../src/netpol/live/types';
import type { LiveSource } from './live-source';

/**
 * The live probe in a real cluster: gx-verify's probe pods stand in for each workload of the
 * backend namespace (same labels) and connect to every running pod of that namespace. They are
 * created only when the profile sets `kubernetes.allowProbePods`; otherwise their manifests are
 * written as an artifact, and a set the operator applied is read back on the next run.
 * Probes from other namespaces and to addresses outside the cluster are not made here.
 */
export async function kubeProbeSource(ctx: CheckContext, a: NetpolAnalysis): Promise<LiveSource> {
  const k = ctx.target.kubernetes!;
  const c = kubeClients(k);
  const snapshot = await readNamespace(c, a.intent.scope).catch((e: unknown) => {
    throw new Error(`Reading namespace ${a.intent.scope} through ${c.label} failed: ${describeApiError(e)}`);
  });
  const scoped = a.table.endpoints.filter((e) => e.kind === 'pod' && e.namespace === a.intent.scope);
  const destinations: LivePod[] = [];
  for (const p of snapshot.pods) {
    const labels = p.metadata?.labels ?? {};
    const owner = scoped.find((e) => e.kind === 'pod' && Object.entries(e.labels).every(([key, v]) => labels[key] === v));
    if (owner && p.status?.phase === 'Running' && p.status.podIP && !labels['gx-verify/probe-set']) {
      destinations.push({ name: p.metadata!.name!, workload: owner.id, ip: p.status.podIP });
    }
  }
  const sources: LivePod[] = scoped.map((e) => ({ name: `probe:${e.name}`, workload: e.id, ip: '' }));
  const { jobs } = planJobs(a, [...sources, ...destinations]);
  const mine = jobs.filter((j) => j.from.ip === '' && j.to.ip !== '');
  const set = probeSet(a.intent.scope, scoped.flatMap((e) => (e.kind === 'pod' ? [{ workload: e.id, labels: { ...e.labels }, jobs: mine.filter((j) => j.row === e.id) }] : [])));
  const file = await ctx.artifact('probe-pods.yaml', probeSetYaml(set, (o) => YAML.stringify(o)));
  const waitMs = Math.max(10_000, ctx.limits.deadline - Date.now() - 15_000);
  const runner = new KubeProbeRunner(c, set, { create: k.allowProbePods, waitMs });
  if (!k.allowProbePods && (await runner.finishedPods()) === 0) {
    return {
      skip: `Probe pods are not allowed (\`kubernetes.allowProbePods: false\`): apply ${file} (kubectl apply -f), let the pods finish, then run again to read their results.`,
    };
  }
  return { runner, pods: [...sources, ...destinations], unhosted: [], sources: new Set(sources.map((s) => s.name)), retries: 0 };
}
