import { defineCheck, pass, skip } from '../../../src/checks/define';
import { checkPodSecurity } from '../../../src/netpol/workloads/pod-security';
import { judgeWorkloads, loadManifests } from './support';

/**
 * SEC-K8S-POD-SECURITY (§13.1 Pod security): every container of the API services and workers runs
 * as uid 1000 on a read-only root filesystem, without privilege escalation or capabilities, under
 * seccomp RuntimeDefault. A privileged or root container is the kind of high-severity finding a
 * cluster security scan reports, hence SEC-2.
 */
export const k8sPodSecurityCheck = defineCheck({
  id: 'SEC-K8S-POD-SECURITY',
  layer: 'security',
  title: 'API and worker pods run as non-root uid 1000, read-only, no escalation, no capabilities, seccomp RuntimeDefault',
  criteria: ['SEC-2'],
  needs: ['kubernetes'],
  // Findings: K8S-POD-SECURITY (src/netpol/workloads/rule-ids.ts).
  async run(ctx) {
    const set = await loadManifests(ctx);
    if ('skip' in set) return skip(set.skip);
    const found = judgeWorkloads(ctx, set, checkPodSecurity(set, ctx.target.kubernetes!.namespace));
    return pass({ message: `${found} §13.1 workloads: every container as §13.1 Pod security`, measurements: { workloads: found } });
  },
});
