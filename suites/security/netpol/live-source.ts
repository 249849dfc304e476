import type { CheckContext } from '../../../src/checks/define';
import { AgentProbeRunner } from '../../../src/netpol/live/agent-runner';
import type { LivePod, ProbeRunner } from '../../../src/netpol/live/types';
import type { NetpolAnalysis } from '../../../src/netpol/analysis';

/**
 * Where the live probe runs: the sandbox's network-namespace cluster (its control endpoint builds
 * it on first use), or a real cluster through gx-verify's own probe pods. Each missing piece is a
 * skip with its precise cause, never a failure.
 */

export type LiveSource =
  | {
    runner: ProbeRunner;
    pods: LivePod[];
    unhosted: string[];
    /** Pods that can send probes (default: all). */
    sources?: ReadonlySet<string>;
    /** Tries after the first for cells that disagree (default 2). */
    retries?: number;
  }
  | { skip: string };

interface ClusterDescription {
  prefix: string;
  pods: Array<LivePod & { socket: string; kind: string }>;
  unhosted: { workload: string; reason: string }[];
  buildMs: number;
}

async function sandboxSource(ctx: CheckContext, url: string): Promise<LiveSource> {
  const res = await fetch(url, { method: 'POST', signal: ctx.signal });
  const body = (await res.json().catch(() => ({}))) as Partial<ClusterDescription> & { message?: string };
  if (res.status === 503) return { skip: body.message ?? `The sandbox cluster is unavailable (503 from ${url}).` };
  if (!res.ok) throw new Error(`The sandbox cluster answered ${res.status}: ${body.message ?? ''}`);
  const d = body as ClusterDescription;
  ctx.log(`sandbox cluster ${d.prefix}: ${d.pods.length} pods, ready in ${d.buildMs} ms (built once per sandbox)`);
  const runner = new AgentProbeRunner(`sandbox network-namespace cluster ${d.prefix}`, d.pods.map((p) => ({ pod: p.name, socket: p.socket })), 256);
  return { runner, pods: d.pods, unhosted: d.unhosted.map((u) => `${u.workload}: ${u.reason}`) };
}

export async function liveSource(ctx: CheckContext, a: NetpolAnalysis): Promise<LiveSource> {
  const k = ctx.target.kubernetes!;
  if (k.sandboxCluster) return sandboxSource(ctx, k.sandboxCluster);
  if (!k.context && !k.kubeconfig) {
    return { skip: 'No live cluster to probe: the profile\'s `kubernetes` section gives no cluster access (`context` or `kubeconfig`).' };
  }
  const { kubeProbeSource } = await import('./kube-source');
  return kubeProbeSource(ctx, a);
}
