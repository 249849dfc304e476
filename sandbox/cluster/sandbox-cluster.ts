import type { NetpolAnalysis } from '../../src/netpol/analysis';
import type { FaultSwitchboard } from '../faults/switchboard';
import { clusterTools } from './commands';
import type { ClusterPlan } from './plan';
import type { ClusterDescription, StartedNetnsCluster } from './netns-cluster';

/**
 * The sandbox's cluster, built lazily: nothing exists until the first `ensure()` (the live probe
 * asks for it through the control endpoint), so the sandbox boot stays cheap. It runs the pods of
 * the sandbox's own manifests plus the intent's stand-ins and external host, and follows fault
 * changes: new policies are recompiled into the pods' tables, a changed pod set rebuilds it, and
 * `netpol-enforcement-off` leaves every pod without a table.
 */

export class ClusterUnavailable extends Error {}

/** The running cluster and the manifests it runs (for the sandbox's Kubernetes API). */
export interface ClusterState {
  description: ClusterDescription;
  analysis: NetpolAnalysis;
}

const signature = (plan: ClusterPlan) => JSON.stringify(plan.pods.map((p) => [p.name, p.workload, p.ip, p.tcp, p.udp]));

export class SandboxCluster {
  private started: StartedNetnsCluster | null = null;
  private current: ClusterState | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly detach: () => void;

  constructor(private readonly manifestsDir: string, private readonly faults: FaultSwitchboard) {
    // A fault change may change the manifests or the enforcement: the next caller re-syncs.
    this.detach = faults.onChange(() => { this.current = null; });
  }

  /** Why this machine cannot run the cluster, or null. */
  static unavailable(): string | null {
    const tools = clusterTools();
    return 'missing' in tools ? tools.missing : null;
  }

  /** Builds or updates the cluster to match the current manifests and faults; serialised. */
  async ensure(): Promise<ClusterDescription> {
    return (await this.state()).description;
  }

  /** As `ensure`, with the analysis of the manifests the cluster runs. */
  state(): Promise<ClusterState> {
    const next = this.queue.then(() => this.sync());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async sync(): Promise<ClusterState> {
    if (this.closed) throw new ClusterUnavailable('the sandbox is stopping');
    if (this.current) return { ...this.current, description: this.started!.describe() };
    const missing = SandboxCluster.unavailable();
    if (missing) throw new ClusterUnavailable(missing);
    // Loaded on first use: the sandbox boot never pays for the engine and the cluster code.
    const [{ analyse }, { startNetnsCluster }, { planCluster }] = await Promise.all([
      import('../../src/netpol/analysis'), import('./netns-cluster'), import('./plan'),
    ]);
    const analysis = await analyse({ manifests: this.manifestsDir });
    const { model } = analysis;
    const enforcing = !this.faults.isOn('netpol-enforcement-off');
    if (this.started) {
      if (signature(planCluster(model.endpoints, this.started.plan.prefix)) === signature(this.started.plan)) {
        await this.started.applyPolicies(model, enforcing);
        return (this.current = { description: this.started.describe(), analysis });
      }
      await this.started.stop();
      this.started = null;
    }
    this.started = await startNetnsCluster(model, { enforcing });
    return (this.current = { description: this.started.describe(), analysis });
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.detach();
    await this.queue;
    await this.started?.stop();
    this.started = null;
  }
}
