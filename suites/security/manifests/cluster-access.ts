import type { CheckContext } from '../../../src/checks/define';
import type { KubeClients } from '../../../src/netpol/kube/client';
import { readNamespace, type ClusterSnapshot } from '../../../src/netpol/kube/read';

/**
 * Cluster access for the live checks: the clients and one namespace read, or why not.
 * @kubernetes/client-node is loaded only when a profile gives cluster access (it costs ~1 s to load).
 */

export async function clusterAccess(ctx: CheckContext, what: string): Promise<KubeClients | { skip: string }> {
  const k = ctx.target.kubernetes!;
  if (!k.context && !k.kubeconfig) {
    return { skip: `${what} needs cluster access: the profile's \`kubernetes\` section sets neither \`context\` nor \`kubeconfig\`.` };
  }
  const { kubeClients } = await import('../../../src/netpol/kube/client');
  return kubeClients(k);
}

export async function snapshotOf(c: KubeClients, namespace: string): Promise<ClusterSnapshot> {
  const { describeApiError } = await import('../../../src/netpol/kube/client');
  return readNamespace(c, namespace).catch((e: unknown) => {
    throw new Error(`Reading namespace ${namespace} through ${c.label} failed: ${describeApiError(e)}`);
  });
}
