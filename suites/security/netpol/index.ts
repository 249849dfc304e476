import type { CheckDef } from '../../../src/checks/define';
import { k8sExposureCheck } from '../manifests/exposure';
import { podsReadyCheck } from '../manifests/pods-ready';
import { k8sPodSecurityCheck } from '../manifests/pod-security';
import { k8sSecretsCheck } from '../manifests/secrets';
import { k8sWorkloadsCheck } from '../manifests/workloads';
import { netpolClusterDiffCheck } from './cluster-diff';
import { netpolIntentCheck } from './intent';
import { netpolLiveCheck } from './live';

/**
 * The Kubernetes checks of the security layer (issue 12): NetworkPolicies (intent vs manifests,
 * live probe, live vs manifests), the §13.1 workload checks on the manifests, and the pods of a
 * live cluster.
 */
export const netpolChecks: CheckDef[] = [
  netpolIntentCheck,
  k8sWorkloadsCheck,
  k8sPodSecurityCheck,
  k8sExposureCheck,
  k8sSecretsCheck,
  podsReadyCheck,
  netpolClusterDiffCheck,
  netpolLiveCheck,
];
