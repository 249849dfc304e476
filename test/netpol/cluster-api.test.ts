import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse } from '../../src/netpol/analysis';
import { startKubeApi, type KubeApiData, type ListKind, type StartedKubeApi } from '../../sandbox/cluster/kube-api';
import { cleanup, GX_MANIFESTS, k8sTarget, recordedNamespace, rules, runK8s, texts, type Ran, type RecordedNamespace } from './helpers';

/**
 * The checks that read a live cluster (FUNC-PODS-READY, SEC-NETPOL-CLUSTER-DIFF, SEC-NETPOL-LIVE
 * through probe pods), against a loopback API server answering with responses in the API's own
 * JSON shape (fixtures/k8s/recorded). No test contacts a cluster.
 */

type Answer = (sourceLabels: Record<string, string>, ip: string, port: number) => 'allowed' | 'blocked';

function apiData(ns: RecordedNamespace, answer?: Answer): KubeApiData {
  const created: Record<'pods' | 'configmaps', Array<Record<string, any>>> = { pods: [], configmaps: [] };
  return {
    list: (kind: ListKind, namespace) => {
      if (namespace !== 'backend-mainnet') return [];
      if (kind === 'configmaps') return created.configmaps;
      return kind === 'pods' ? [...ns.pods, ...created.pods] : ns[kind];
    },
    create(kind, _ns, body) {
      created[kind].push(kind === 'pods' ? { ...body, status: { phase: 'Succeeded' } } : body);
    },
    remove(kind, _ns, name, selector) {
      const [k, v] = (selector ?? '=').split('=');
      created[kind] = created[kind].filter((o) => (name ? o.metadata.name !== name : o.metadata.labels?.[k] !== v));
    },
    log(_ns, name) {
      // The probe pod "runs": each nc line answered by the simulated network plugin.
      const pod = created.pods.find((p) => p.metadata.name === name);
      if (!pod || !answer) return null;
      const script = pod.spec.containers[0].command[2] as string;
      return script.split('\n').flatMap((line) => {
        const m = /nc -z -w \d+ (\S+) (\d+) .*echo "RESULT (.+) allowed"/.exec(line);
        return m ? [`RESULT ${m[3]} ${answer(pod.metadata.labels, m[1], Number(m[2]))}`] : [];
      }).join('\n') + '\nDONE\n';
    },
  };
}

let api: StartedKubeApi | null = null;
let ran: Ran | null = null;
let kubeconfigFile: string | null = null;
afterEach(async () => {
  await api?.stop();
  if (ran) cleanup(ran);
  if (kubeconfigFile) rmSync(kubeconfigFile, { force: true });
  api = null;
  ran = null;
  kubeconfigFile = null;
});

async function serve(ns: RecordedNamespace, answer?: Answer) {
  api = await startKubeApi(apiData(ns, answer));
  kubeconfigFile = api.writeKubeconfig(path.join(os.tmpdir(), `gxv-kubeconfig-${process.pid}-${Date.now()}`));
  return kubeconfigFile;
}

describe('FUNC-PODS-READY (recorded API responses)', () => {
  it('stays green on a correct target: 24 API and worker pods ready, per-Deployment counts as §13.1', async () => {
    const kubeconfig = await serve(recordedNamespace());
    ran = await runK8s(['FUNC-PODS-READY'], k8sTarget({ kubeconfig, context: 'gx-verify-recorded' }));
    const r = ran.results.get('FUNC-PODS-READY')!;
    expect(r.status, r.message).toBe('pass');
    expect(r.measurements.ready).toBe(24);
    expect(r.measurements['ready.svc-identity']).toBe(3);
    expect(api!.requests).toContain('GET /api/v1/namespaces/backend-mainnet/pods');
  });

  it('fails on a pod that is not ready and a Deployment short of its plan, naming both', async () => {
    const ns = recordedNamespace();
    const tax = ns.pods.find((p) => p.metadata.labels.app === 'svc-tax')!;
    tax.status.conditions = tax.status.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'ContainersNotReady' } : c));
    tax.status.containerStatuses[0].ready = false;
    tax.status.containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    ns.pods = ns.pods.filter((p) => !(p.metadata.labels.app === 'projector'));
    const kubeconfig = await serve(ns);
    ran = await runK8s(['FUNC-PODS-READY'], k8sTarget({ kubeconfig }));
    const r = ran.results.get('FUNC-PODS-READY')!;
    expect(r.status).toBe('fail');
    expect(rules(r).sort()).toEqual(['K8S-PODS-READY', 'K8S-REPLICAS', 'K8S-REPLICAS', 'K8S-REPLICAS']);
    expect(texts(r).join('\n')).toMatch(/pod backend-mainnet\/svc-tax-\S+ of svc-tax is not ready \(Running, CrashLoopBackOff, ContainersNotReady\)/);
    expect(texts(r).join('\n')).toContain('22 pods ready in all; a healthy deployment runs at least 24');
  });

  it('is skipped without cluster access, and errors (not fails) when the API cannot be reached', async () => {
    ran = await runK8s(['FUNC-PODS-READY'], k8sTarget({ manifests: GX_MANIFESTS }));
    expect(ran.results.get('FUNC-PODS-READY')!.status).toBe('skipped');
    expect(ran.results.get('FUNC-PODS-READY')!.message).toContain('neither `context` nor `kubeconfig`');
    cleanup(ran);
    const kubeconfig = await serve(recordedNamespace());
    await api!.stop();
    ran = await runK8s(['FUNC-PODS-READY'], k8sTarget({ kubeconfig }));
    const r = ran.results.get('FUNC-PODS-READY')!;
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/Reading namespace backend-mainnet through gx-verify-recorded @ http:\/\/127\.0\.0\.1:\d+ failed/);
    api = null;
  });
});

describe('SEC-NETPOL-CLUSTER-DIFF (recorded API responses)', () => {
  it('stays green on a correct target: the cluster runs the manifests\' ten policies, API defaults aside', async () => {
    const kubeconfig = await serve(recordedNamespace());
    ran = await runK8s(['SEC-NETPOL-CLUSTER-DIFF'], k8sTarget({ kubeconfig, manifests: GX_MANIFESTS }));
    const r = ran.results.get('SEC-NETPOL-CLUSTER-DIFF')!;
    expect(r.status, JSON.stringify(r.findings, null, 1)).toBe('pass');
    expect(r.measurements).toMatchObject({ live: 10, manifests: 10 });
  });

  it('fails on a policy missing from the cluster, one edited there and one added by hand', async () => {
    const ns = recordedNamespace();
    ns.networkpolicies = ns.networkpolicies.filter((p) => p.metadata.name !== 'default-deny-all');
    ns.networkpolicies.find((p) => p.metadata.name === 'allow-dns-egress')!.spec.egress[0].ports = [{ protocol: 'UDP', port: 53 }];
    ns.networkpolicies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'debug-allow-all', namespace: 'backend-mainnet' }, spec: { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] } });
    const kubeconfig = await serve(ns);
    ran = await runK8s(['SEC-NETPOL-CLUSTER-DIFF'], k8sTarget({ kubeconfig, manifests: GX_MANIFESTS }));
    const r = ran.results.get('SEC-NETPOL-CLUSTER-DIFF')!;
    expect(r.status).toBe('fail');
    expect(texts(r)).toEqual([
      'NetworkPolicy backend-mainnet/default-deny-all (network/00-default-deny.yaml) is not in the cluster',
      'NetworkPolicy backend-mainnet/allow-dns-egress in the cluster differs from network/01-dns.yaml',
      'NetworkPolicy backend-mainnet/debug-allow-all is in the cluster but not in the manifests',
    ]);
    expect(r.findings![1].evidence![0].response).not.toContain('TCP');
  });
});

describe('SEC-NETPOL-LIVE through probe pods (recorded API, simulated network plugin)', () => {
  const conforming = async (): Promise<Answer> => {
    const a = await analyse({ manifests: GX_MANIFESTS });
    const ns = recordedNamespace();
    const workloadOf = (labels: Record<string, string>) => a.table.endpoints.find((e) => e.kind === 'pod' && e.namespace === 'backend-mainnet' && e.name === labels.app)!;
    return (labels, ip, port) => {
      const dest = ns.pods.find((p) => p.status.podIP === ip)!;
      const to = workloadOf(dest.metadata.labels);
      return a.table.grid.get(workloadOf(labels).id, `${to.id} ${port}/TCP`) === 'allowed' ? 'allowed' : 'blocked';
    };
  };

  it('stays green when the cluster enforces the manifests, and removes its probe set afterwards', async () => {
    const kubeconfig = await serve(recordedNamespace(), await conforming());
    ran = await runK8s(['SEC-NETPOL-LIVE'], k8sTarget({ kubeconfig, manifests: GX_MANIFESTS, allowProbePods: true }));
    const r = ran.results.get('SEC-NETPOL-LIVE')!;
    expect(r.status, r.message).toBe('pass');
    expect(r.measurements.probes).toBe(11 * 26); // one probe pod per workload × every running pod of the namespace
    expect(api!.requests.filter((q) => q.startsWith('POST')).length).toBe(1 + 11);
    expect(api!.requests).toContain('DELETE /api/v1/namespaces/backend-mainnet/pods');
  });

  it('fails when the network plugin enforces nothing (every probe connects)', async () => {
    const kubeconfig = await serve(recordedNamespace(), () => 'allowed');
    ran = await runK8s(['SEC-NETPOL-LIVE'], k8sTarget({ kubeconfig, manifests: GX_MANIFESTS, allowProbePods: true }));
    const r = ran.results.get('SEC-NETPOL-LIVE')!;
    expect(r.status).toBe('fail');
    expect(rules(r)).toContain('NP-9');
    expect(texts(r)).toContain('backend-mainnet/redis → backend-mainnet/postgres 5432/TCP is allowed in the cluster (1 of 1 pod pairs), but the manifests say blocked and §13.2 says blocked');
  });

  it('without allowProbePods creates nothing: writes the probe pods as an artifact and is skipped saying how to apply them', async () => {
    const kubeconfig = await serve(recordedNamespace(), () => 'allowed');
    ran = await runK8s(['SEC-NETPOL-LIVE'], k8sTarget({ kubeconfig, manifests: GX_MANIFESTS }));
    const r = ran.results.get('SEC-NETPOL-LIVE')!;
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/Probe pods are not allowed .* apply artifacts\/SEC-NETPOL-LIVE\/probe-pods\.yaml/);
    expect(api!.requests.some((q) => !q.startsWith('GET'))).toBe(false);
    const yaml = readFileSync(path.join(ran.artifactsDir, 'SEC-NETPOL-LIVE/probe-pods.yaml'), 'utf8');
    expect(yaml).toContain('gx-verify/probe-set');
    expect(yaml).toMatch(/readinessProbe:\s+exec:\s+command:\s+- "false"/);
    expect(existsSync(path.join(ran.artifactsDir, 'SEC-NETPOL-LIVE/probe-pods.yaml'))).toBe(true);
  });
});
