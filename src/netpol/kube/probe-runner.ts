import type { ProbeJob, ProbeRunner, ProbeTry } from '../live/types';
import type { KubeClients } from './client';
import { parseResults, PROBE_LABEL, type ProbeSet } from './probe-pods';

/**
 * Runs a probe set in a real cluster and reads the answers back from the pods' logs. With
 * `create`, gx-verify creates the set (ConfigMap first, then the pods it owns), waits for the
 * pods to finish and deletes the set afterwards; without, it only reads a set the operator
 * applied. A job whose pod did not finish in time is `error` (probe failed), never blocked.
 */

export class KubeProbeRunner implements ProbeRunner {
  readonly label: string;

  constructor(private readonly c: KubeClients, private readonly set: ProbeSet, private readonly opts: { create: boolean; waitMs: number; pollMs?: number }) {
    this.label = `probe pods ${set.configMap.metadata!.name} in ${set.namespace} (${c.label})`;
  }

  /** Finished probe pods of this set already in the cluster (applied by the operator). */
  async finishedPods(): Promise<number> {
    const list = await this.c.core.listNamespacedPod({ namespace: this.set.namespace, labelSelector: `${PROBE_LABEL}=${this.set.id}` });
    return list.items.filter((p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed').length;
  }

  async run(jobs: readonly ProbeJob[], timeoutMs: number): Promise<Map<string, ProbeTry>> {
    const started = Date.now();
    if (this.opts.create) await this.create();
    const answers = new Map<string, ProbeTry>();
    const deadline = started + this.opts.waitMs;
    const wanted = new Set(jobs.map((j) => j.key));
    for (const { pod } of this.set.pods) {
      const name = pod.metadata!.name!;
      const phase = await this.waitFinished(name, deadline);
      if (phase === null) continue;
      const log = await this.c.core.readNamespacedPodLog({ namespace: this.set.namespace, name });
      for (const [key, answer] of parseResults(log)) {
        if (wanted.has(key)) answers.set(key, { answer, ms: Date.now() - started, detail: `from pod ${name}`, timeoutMs });
      }
    }
    for (const j of jobs) if (!answers.has(j.key)) answers.set(j.key, { answer: 'error', ms: Date.now() - started, detail: 'the probe pod gave no answer in time', timeoutMs });
    return answers;
  }

  private async create(): Promise<void> {
    const ns = this.set.namespace;
    const cm = await this.c.core.createNamespacedConfigMap({ namespace: ns, body: this.set.configMap });
    const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: cm.metadata!.name!, uid: cm.metadata!.uid!, controller: true, blockOwnerDeletion: false };
    for (const { pod } of this.set.pods) {
      await this.c.core.createNamespacedPod({ namespace: ns, body: { ...pod, metadata: { ...pod.metadata, ownerReferences: [owner] } } });
    }
  }

  private async waitFinished(name: string, deadline: number): Promise<string | null> {
    for (;;) {
      const pod = await this.c.core.readNamespacedPod({ namespace: this.set.namespace, name }).catch(() => null);
      const phase = pod?.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return phase;
      if (Date.now() >= deadline) return null;
      await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 2_000));
    }
  }

  reproduce(job: ProbeJob): string {
    const pod = this.set.pods.find((p) => p.source === job.row)?.pod.metadata?.name ?? '<probe pod>';
    return `kubectl -n ${this.set.namespace} logs ${pod} | grep '${job.key}'   # or: kubectl -n ${this.set.namespace} run --rm -i gxv-probe --image=busybox:1.36 --labels=<labels of ${job.row}> -- nc -z -w 2 ${job.to.ip} ${job.port}`;
  }

  async close(): Promise<void> {
    if (!this.opts.create) return;
    await this.c.core.deleteNamespacedConfigMap({ namespace: this.set.namespace, name: this.set.configMap.metadata!.name!, propagationPolicy: 'Background' }).catch(() => undefined);
    await this.c.core.deleteCollectionNamespacedPod({ namespace: this.set.namespace, labelSelector: `${PROBE_LABEL}=${this.set.id}` }).catch(() => undefined);
  }
}
