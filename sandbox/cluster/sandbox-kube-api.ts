import path from 'node:path';
import type { FaultSwitchboard } from '../faults/switchboard';
import { startKubeApi } from './kube-api';
import { SandboxCluster } from './sandbox-cluster';
import { sandboxKubeData } from './sandbox-kube-data';

/**
 * The sandbox's Kubernetes API (loopback, read-mostly) and the kubeconfig pointing at it, so the
 * checks that read a live cluster (pod readiness, policy drift) run against the sandbox as they
 * would against a real cluster. Only when this machine can run the network-namespace cluster:
 * otherwise the sandbox profile has no cluster access and those checks are skipped.
 */

export const SANDBOX_KUBE_CONTEXT = 'gx-sandbox';

export async function startSandboxKubeApi(cluster: SandboxCluster, faults: FaultSwitchboard, tempDir: string): Promise<{ kubeconfig: string; stop(): Promise<void> } | null> {
  if (SandboxCluster.unavailable()) return null;
  const api = await startKubeApi(sandboxKubeData(cluster, faults));
  const kubeconfig = api.writeKubeconfig(path.join(tempDir, 'kubeconfig'), SANDBOX_KUBE_CONTEXT);
  return { kubeconfig, stop: () => api.stop() };
}
