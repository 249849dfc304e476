import type { Finding } from '../../evidence/types';
import type { ManifestSet } from '../manifests/objects';
import type { Container, Probe } from '../manifests/schema';
import { manifestFinding, plannedWorkloads } from './find';
import { parseQuantity } from './quantity';

/**
 * §13.1 container settings of the API services and workers:
 * - K8S-PROBES: API liveness /livez (30 s, 10 s, 5 s, 3), readiness /readyz (10 s, 5 s, 3 s, 2),
 *   startup /health (5 s, 5 s, 3 s, 10); workers liveness and readiness /health on their metrics port;
 * - K8S-RESOURCES: API requests 200m CPU / 256Mi, limits 1000m / 512Mi;
 * - K8S-WORKER-PORTS: the container port of §13.1 (API `http` = service port, workers `metrics`
 *   9090 / 9091) is declared with its name.
 * Unset probe timings count with the Kubernetes defaults (0 s delay, 10 s period, 1 s timeout, 3 failures).
 */

type Timing = [initial: number, period: number, timeout: number, failures: number];

const API_PROBES: Array<[keyof Container, string, Timing]> = [
  ['livenessProbe', '/livez', [30, 10, 5, 3]],
  ['readinessProbe', '/readyz', [10, 5, 3, 2]],
  ['startupProbe', '/health', [5, 5, 3, 10]],
];

const timing = (p: Probe): Timing => [p.initialDelaySeconds ?? 0, p.periodSeconds ?? 10, p.timeoutSeconds ?? 1, p.failureThreshold ?? 3];

function probeProblem(p: Probe | null | undefined, path: string, port: { number: number; name: string }, want: Timing | null): string | null {
  if (!p) return 'missing';
  if (!p.httpGet) return `not an HTTP GET of ${path}`;
  const problems: string[] = [];
  if (p.httpGet.path !== path) problems.push(`path ${p.httpGet.path ?? '/'} (want ${path})`);
  if (p.httpGet.port !== port.name && p.httpGet.port !== port.number) problems.push(`port ${p.httpGet.port} (want ${port.name} or ${port.number})`);
  if (want) {
    const got = timing(p);
    const names = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'];
    got.forEach((v, i) => { if (v !== want[i]) problems.push(`${names[i]} ${v} (want ${want[i]})`); });
  }
  return problems.length > 0 ? problems.join(', ') : null;
}

const RESOURCES: Array<['requests' | 'limits', 'cpu' | 'memory', string]> = [
  ['requests', 'cpu', '200m'], ['requests', 'memory', '256Mi'], ['limits', 'cpu', '1000m'], ['limits', 'memory', '512Mi'],
];

export function checkContainers(set: ManifestSet, namespace: string): Finding[] {
  const findings: Finding[] = [];
  for (const { plan, workload: w } of plannedWorkloads(set, namespace)) {
    if (!w) continue; // K8S-REPLICAS reports it
    const c = w.pod.containers.find((x) => x.name === plan.name) ?? w.pod.containers[0];
    const declared = (c.ports ?? []).find((p) => p.containerPort === plan.port);
    if (!declared || declared.name !== plan.portName) {
      findings.push(manifestFinding('K8S-WORKER-PORTS', w, `container ${c.name} does not declare port ${plan.port} named ${plan.portName}`,
        `declared: ${(c.ports ?? []).map((p) => `${p.name ?? '(unnamed)'}:${p.containerPort}`).join(', ') || 'none'}`));
    }
    const port = { number: plan.port, name: plan.portName };
    const probes: Array<[keyof Container, string, Timing | null]> = plan.component === 'api'
      ? API_PROBES
      : [['livenessProbe', '/health', null], ['readinessProbe', '/health', null]];
    for (const [key, path, want] of probes) {
      const problem = probeProblem(c[key] as Probe | null | undefined, path, port, want);
      if (problem) findings.push(manifestFinding('K8S-PROBES', w, `container ${c.name} ${key}: ${problem}`));
    }
    if (plan.component !== 'api') continue;
    for (const [kind, resource, want] of RESOURCES) {
      const got = c.resources?.[kind]?.[resource];
      if (parseQuantity(got) !== parseQuantity(want)) {
        findings.push(manifestFinding('K8S-RESOURCES', w, `container ${c.name} resources.${kind}.${resource} is ${got ?? 'unset'}; §13.1 wants ${want}`));
      }
    }
  }
  return findings;
}
