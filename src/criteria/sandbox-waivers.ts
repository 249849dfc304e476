import type { Waiver } from '../profile/target';

/**
 * Waivers of the built-in sandbox profile, applied only when the target is the embedded sandbox
 * (`run` with no `--profile` or `--profile sandbox`). Real profiles list their own waivers.
 *
 * These criteria need things a local sandbox does not have (seven days of history, people
 * and processes), or the load layer. A built-in waiver only
 * covers missing evidence: it turns `not-evaluated` into `waived` and never hides a `fail`,
 * so a sandbox fault that a check catches still makes the run NO-GO, and once a layer gives
 * evidence for one of these criteria its result counts as is.
 */
export interface BuiltInWaiver extends Waiver {
  /** Only waives a criterion that is not-evaluated; a fail stays a fail. */
  onlyNotEvaluated: true;
}

const APPROVER = 'gx-verify built-in sandbox profile';

function w(criterion: string, reason: string): BuiltInWaiver {
  return { criterion, reason, approvedBy: APPROVER, onlyNotEvaluated: true };
}

// FUNC-1, SEC-1 and ST-NETPOL are judged on the sandbox since issue 12: its Kubernetes manifests,
// its network-namespace cluster (live NetworkPolicy probe) and that cluster's API (pod readiness).
export const SANDBOX_WAIVERS: readonly BuiltInWaiver[] = [
  w('PERF-4', 'Uptime over 7 days cannot be observed in a run of minutes; the sandbox\'s Prometheus holds minutes of history (a real profile gives monitoring.uptimeQuery).'),
  w('ST-PENTEST', 'A penetration test is done by people, outside any run.'),
  // Load criteria: waived while no load evidence exists (no load layer, or load not allowed).
  w('PERF-1', 'Latency from all regions needs the load layer; without load evidence it is not judged on the sandbox.'),
  w('PT-LOAD-1', 'Needs the load layer; without load evidence it is not judged on the sandbox.'),
  w('PT-LOAD-3', 'Needs the load layer; without load evidence it is not judged on the sandbox.'),
  w('PT-STRESS-1', 'Needs the load layer; without load evidence it is not judged on the sandbox.'),
  w('PT-STRESS-3', 'Needs the load layer; without load evidence it is not judged on the sandbox.'),
];
