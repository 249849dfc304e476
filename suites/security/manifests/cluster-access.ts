import type { CheckContext } from '../../../src/checks/define';
import { describeApiError, kubeClients, type KubeClients } from '../../../src/netpol/kube/client';
import { readNamespace, type ClusterSnapshot } from '../../../src/netpol/kube/read';

/** Cluster access for the live checks: the clients and one namespace read, or why not. */

export function clusterAccess(ctx: CheckContext, what: string): KubeClients | { skip: string } {
  const k = ctx.target.kubernetes!;
  if (!k.context && !k.kubeconfig) {
    return { skip: `${what} needs cluster access: the profile's \`kubernetes\` section sets neither \`context\` nor \`kubeconfig\`.` };
  }
  return kubeClients(k);
}

export async function snapshotOf(c: KubeClients, namespace: string): Promise<ClusterSnapshot> {
  return readNamespace(c, namespace).catch((e: unknown) => {
    throw new Error(`Reading namespace ${namespace} through ${c.label} failed: ${describeApiError(e)}`);
  });
}
