import { createHash } from 'node:crypto';
import type { V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import type { ProbeAnswer, ProbeJob } from '../live/types';

/**
 * Probe pods for a real cluster: one per source workload, in its namespace and with its pod
 * labels (so the same NetworkPolicies select it), running a shell loop of bounded TCP connects
 * and printing one `RESULT <job key> allowed|blocked` line per job, then exiting.
 * Safety, because it carries a real workload's labels:
 * - its readiness probe never succeeds, so no Service ever routes traffic to it;
 * - it is owned (controller reference) by a ConfigMap of its probe set, so no ReplicaSet adopts it,
 *   and deleting that ConfigMap deletes every probe pod of the set;
 * - it runs as nobody, read-only, without capabilities, with small resource limits.
 */

export const PROBE_IMAGE = 'busybox:1.36';
export const PROBE_LABEL = 'gx-verify/probe-set';

export interface ProbeSet {
  id: string;
  namespace: string;
  configMap: V1ConfigMap;
  /** Pod manifests without the owner uid (added when gx-verify creates them). */
  pods: Array<{ pod: V1Pod; source: string; jobs: ProbeJob[] }>;
}

function script(jobs: readonly ProbeJob[], timeoutS: number): string {
  const lines = jobs.map((j) => `nc -z -w ${timeoutS} ${j.to.ip} ${j.port} </dev/null >/dev/null 2>&1 && echo "RESULT ${j.key} allowed" || echo "RESULT ${j.key} blocked"`);
  return ['set +e', ...lines, 'echo DONE'].join('\n');
}

export function probeSet(namespace: string, sources: ReadonlyArray<{ workload: string; labels: Record<string, string>; jobs: ProbeJob[] }>, timeoutS = 2): ProbeSet {
  const tcpOnly = sources.map((s) => ({ ...s, jobs: s.jobs.filter((j) => j.protocol === 'TCP') }));
  const id = createHash('sha256').update(JSON.stringify(tcpOnly.map((s) => [s.workload, s.jobs.map((j) => [j.key, j.to.ip])]))).digest('hex').slice(0, 10);
  const configMap: V1ConfigMap = {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: `gxv-probe-${id}`, namespace, labels: { [PROBE_LABEL]: id, 'app.kubernetes.io/managed-by': 'gx-verify' } },
    data: { purpose: 'gx-verify NetworkPolicy probe set; deleting this ConfigMap deletes its probe pods' },
  };
  const pods = tcpOnly.map((s, i) => ({
    source: s.workload,
    jobs: s.jobs,
    pod: {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: `gxv-probe-${id}-${i}`, namespace,
        labels: { ...s.labels, [PROBE_LABEL]: id, 'app.kubernetes.io/managed-by': 'gx-verify' },
        annotations: { 'gx-verify/probe-source': s.workload },
      },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'probe', image: PROBE_IMAGE, command: ['sh', '-c', script(s.jobs, timeoutS)],
          readinessProbe: { exec: { command: ['false'] }, periodSeconds: 3600 },
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        }],
      },
    } satisfies V1Pod,
  }));
  return { id, namespace, configMap, pods };
}

/** `RESULT <key> allowed|blocked` lines of a probe pod's log. */
export function parseResults(log: string): Map<string, ProbeAnswer> {
  const out = new Map<string, ProbeAnswer>();
  for (const line of log.split('\n')) {
    const m = /^RESULT (.+) (allowed|blocked)$/.exec(line.trim());
    if (m) out.set(m[1], m[2] as ProbeAnswer);
  }
  return out;
}

export const probeSetYaml = (set: ProbeSet, stringify: (o: unknown) => string): string =>
  [set.configMap, ...set.pods.map((p) => p.pod)].map((o) => stringify(o)).join('---\n');
