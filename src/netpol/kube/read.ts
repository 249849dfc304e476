import type { V1Deployment, V1NetworkPolicy, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeClients } from './client';

/** What gx-verify reads from a cluster: per namespace, Deployments, StatefulSets, Pods, NetworkPolicies. */

export interface ClusterSnapshot {
  namespace: string;
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  pods: V1Pod[];
  policies: V1NetworkPolicy[];
}

export async function readNamespace(c: KubeClients, namespace: string): Promise<ClusterSnapshot> {
  const [deployments, statefulSets, pods, policies] = await Promise.all([
    c.apps.listNamespacedDeployment({ namespace }),
    c.apps.listNamespacedStatefulSet({ namespace }),
    c.core.listNamespacedPod({ namespace }),
    c.net.listNamespacedNetworkPolicy({ namespace }),
  ]);
  return { namespace, deployments: deployments.items, statefulSets: statefulSets.items, pods: pods.items, policies: policies.items };
}
