import type { Finding } from '../../evidence/types';
import type { ManifestSet, ServiceObject, WorkloadObject } from '../manifests/objects';
import { manifestFinding, plannedWorkloads } from './find';

/**
 * §13.1 Services:
 * - K8S-SERVICE-PORTS: every Service of the namespace selects pods, and each targetPort resolves
 *   to a container port they declare (by name or number); each API service has its ClusterIP
 *   Service `<service>` port 80 → the container port;
 * - K8S-WORKER-PORTS: a Service exposes each worker's metrics port;
 * - K8S-DB-EXPOSURE / NP-9: no NodePort, LoadBalancer or external IPs — never for PostgreSQL and
 *   Redis (K8S-DB-EXPOSURE), and for no other Service of the namespace either (NP-9 "no node ports").
 */

const selects = (s: ServiceObject, w: WorkloadObject) => s.namespace === w.namespace
  && Object.entries(s.spec.selector ?? {}).every(([k, v]) => w.podLabels[k] === v);

function resolves(target: string | number, pods: readonly WorkloadObject[]): boolean {
  return pods.some((w) => w.pod.containers.some((c) => (c.ports ?? []).some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target))));
}

export function checkServicePorts(set: ManifestSet, namespace: string): Finding[] {
  const findings: Finding[] = [];
  const services = set.services.filter((s) => s.namespace === namespace && s.spec.type !== 'ExternalName');
  for (const s of services) {
    if (!s.spec.selector || Object.keys(s.spec.selector).length === 0) continue; // endpoints managed by hand
    const pods = set.workloads.filter((w) => selects(s, w));
    if (pods.length === 0) {
      findings.push(manifestFinding('K8S-SERVICE-PORTS', s, `selector ${JSON.stringify(s.spec.selector)} selects no pod of the manifests`));
      continue;
    }
    for (const p of s.spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      if (!resolves(target, pods)) {
        findings.push(manifestFinding('K8S-SERVICE-PORTS', s, `port ${p.port} → targetPort ${target}, which no selected container declares`,
          `selected: ${pods.map((w) => `${w.name} [${w.pod.containers.flatMap((c) => (c.ports ?? []).map((x) => `${x.name ?? ''}:${x.containerPort}`)).join(', ')}]`).join('; ')}`));
      }
    }
  }
  for (const { plan, workload: w } of plannedWorkloads(set, namespace)) {
    if (!w) continue;
    const exposing = services.filter((s) => selects(s, w));
    if (plan.component === 'api') {
      const own = exposing.find((s) => s.name === plan.name);
      if (!own) findings.push(manifestFinding('K8S-SERVICE-PORTS', w, `no ClusterIP Service ${plan.name} selects its pods (§13.1)`));
      else if (!(own.spec.ports ?? []).some((p) => p.port === 80 && ([plan.port, plan.portName] as Array<string | number>).includes(p.targetPort ?? p.port))) {
        findings.push(manifestFinding('K8S-SERVICE-PORTS', own, `has no port 80 → ${plan.portName} (${plan.port})`));
      }
    } else if (!exposing.some((s) => (s.spec.ports ?? []).some((p) => ([plan.port, plan.portName] as Array<string | number>).includes(p.targetPort ?? p.port)))) {
      findings.push(manifestFinding('K8S-WORKER-PORTS', w, `no Service exposes its metrics port ${plan.port}`));
    }
  }
  return findings;
}

const DATA_APPS = ['postgres', 'redis'];

export function checkExposure(set: ManifestSet, namespace: string): Finding[] {
  const findings: Finding[] = [];
  for (const s of set.services.filter((x) => x.namespace === namespace)) {
    const exposed = [
      s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer' ? `type ${s.spec.type}` : null,
      (s.spec.externalIPs ?? []).length > 0 ? `externalIPs ${s.spec.externalIPs!.join(', ')}` : null,
      (s.spec.ports ?? []).some((p) => p.nodePort !== undefined) ? 'a nodePort' : null,
    ].filter(Boolean);
    if (exposed.length === 0) continue;
    const data = DATA_APPS.some((app) => s.spec.selector?.app === app) || ['postgres', 'redis-master'].includes(s.name);
    findings.push(data
      ? manifestFinding('K8S-DB-EXPOSURE', s, `exposes the ${s.spec.selector?.app ?? s.name} pods outside the namespace (${exposed.join(', ')}); §13.1 allows ClusterIP only`)
      : manifestFinding('NP-9', s, `exposes pods outside the cluster (${exposed.join(', ')}); §13.2 NP-9 allows no node ports`));
  }
  return findings;
}
