import { createHash } from 'node:crypto';
import type { FaultSwitchboard } from '../faults/switchboard';
import type { KubeApiData, ListKind } from './kube-api';
import type { ClusterState, SandboxCluster } from './sandbox-cluster';

/**
 * What the sandbox's Kubernetes API answers: Deployments, StatefulSets and NetworkPolicies as the
 * cluster runs them (its applied manifests), and one Pod per pod of the network-namespace cluster,
 * Ready while its agent runs. The first request builds the cluster (the same lazy build as the
 * live probe's). `pod-not-ready` makes one svc-tax pod fail its readiness probe.
 */

const uid = (s: string) => {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function pods(state: ClusterState, namespace: string, faults: FaultSwitchboard): object[] {
  const endpoints = new Map(state.analysis.model.endpoints.map((e) => [e.id, e]));
  const unready = faults.isOn('pod-not-ready') ? state.description.pods.find((p) => p.workload === `${namespace}/svc-tax`)?.name : undefined;
  return state.description.pods.flatMap((p) => {
    const e = endpoints.get(p.workload);
    if (!e || e.kind !== 'pod' || e.namespace !== namespace) return [];
    const ready = p.running && p.name !== unready;
    return [{
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace, uid: uid(p.netns), labels: { ...e.labels } },
      spec: { containers: [{ name: e.name, ports: e.ports.map((x) => ({ name: x.name, containerPort: x.port, protocol: x.protocol })) }] },
      status: {
        phase: p.running ? 'Running' : 'Failed', podIP: p.ip, podIPs: [{ ip: p.ip }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${e.name}]` }) }],
        containerStatuses: [{ name: e.name, ready, started: p.running, restartCount: 0, state: p.running ? { running: {} } : { terminated: { reason: 'Error' } } }],
      },
    }];
  });
}

function controllers(state: ClusterState, namespace: string, kind: 'Deployment' | 'StatefulSet', podList: object[]): object[] {
  return state.analysis.set.workloads.filter((w) => w.kind === kind && w.namespace === namespace).map((w) => {
    const ready = podList.filter((p) => (p as { metadata: { name: string } }).metadata.name.startsWith(`${w.name}-`)
      && (p as { status: { conditions: Array<{ status: string }> } }).status.conditions[0].status === 'True').length;
    return {
      apiVersion: 'apps/v1', kind,
      metadata: { name: w.name, namespace, uid: uid(`${kind}/${namespace}/${w.name}`), labels: { ...w.labels } },
      spec: { replicas: w.replicas, selector: { matchLabels: { app: w.podLabels.app ?? w.name } }, template: { metadata: { labels: { ...w.podLabels } }, spec: w.pod } },
      status: { replicas: w.replicas, readyReplicas: ready, availableReplicas: ready },
    };
  });
}

export function sandboxKubeData(cluster: SandboxCluster, faults: FaultSwitchboard): KubeApiData {
  return {
    async list(kind: ListKind, namespace: string) {
      const state = await cluster.state();
      const podList = pods(state, namespace, faults);
      switch (kind) {
        case 'pods': return podList;
        case 'deployments': return controllers(state, namespace, 'Deployment', podList);
        case 'statefulsets': return controllers(state, namespace, 'StatefulSet', podList);
        case 'networkpolicies':
          return state.analysis.set.policies.filter((p) => p.namespace === namespace).map((p) => ({
            apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
            metadata: { name: p.name, namespace, uid: uid(`np/${namespace}/${p.name}`), labels: { ...p.labels } },
            spec: p.spec,
          }));
        case 'configmaps': return [];
      }
    },
  };
}
