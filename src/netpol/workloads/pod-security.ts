import type { Finding } from '../../evidence/types';
import type { ManifestSet, WorkloadObject } from '../manifests/objects';
import type { Container } from '../manifests/schema';
import { manifestFinding, plannedWorkloads } from './find';

/**
 * K8S-POD-SECURITY (§13.1 Pod security) for every container (init containers too) of the API
 * services and workers: runs as non-root uid 1000, read-only root filesystem (with a /tmp
 * emptyDir for the main containers), no privilege escalation, not privileged, all capabilities
 * dropped, seccomp RuntimeDefault. A container setting overrides the pod's, as in Kubernetes.
 */

function containerProblems(w: WorkloadObject, c: Container, main: boolean): string[] {
  const pod = w.pod.securityContext ?? {};
  const sc = c.securityContext ?? {};
  const out: string[] = [];
  if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) out.push('runAsNonRoot is not true');
  const uid = sc.runAsUser ?? pod.runAsUser;
  if (uid !== 1000) out.push(`runs as uid ${uid ?? '(image default)'}, not 1000`);
  if (sc.readOnlyRootFilesystem !== true) out.push('root filesystem is writable');
  if (sc.allowPrivilegeEscalation !== false) out.push('privilege escalation is not disabled');
  if (sc.privileged === true) out.push('privileged');
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push('capabilities are not all dropped');
  if ((sc.capabilities?.add ?? []).length > 0) out.push(`adds capabilities ${sc.capabilities!.add!.join(', ')}`);
  if ((sc.seccompProfile ?? pod.seccompProfile)?.type !== 'RuntimeDefault') out.push('seccomp profile is not RuntimeDefault');
  if (main) {
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
    const volume = tmp && (w.pod.volumes ?? []).find((v) => v.name === tmp.name);
    if (!volume || volume.emptyDir === undefined) out.push('no emptyDir mounted at /tmp');
  }
  return out;
}

export function checkPodSecurity(set: ManifestSet, namespace: string): Finding[] {
  const findings: Finding[] = [];
  for (const { workload: w } of plannedWorkloads(set, namespace)) {
    if (!w) continue;
    const containers: Array<[Container, boolean]> = [...w.pod.containers.map((c): [Container, boolean] => [c, true]), ...(w.pod.initContainers ?? []).map((c): [Container, boolean] => [c, false])];
    for (const [c, main] of containers) {
      const problems = containerProblems(w, c, main);
      if (problems.length > 0) findings.push(manifestFinding('K8S-POD-SECURITY', w, `${main ? 'container' : 'init container'} ${c.name}: ${problems.join('; ')}`));
    }
  }
  return findings;
}
