/**
 * gx-verify's stable ids for the rows of contract §13.1, which carry no id of their own, and for
 * policy drift. Findings name them; they are not (yet) in src/rules, so checks list them here
 * rather than in `CheckDef.rules` (which accepts contract ids only). What each breaks:
 * K8S-REPLICAS, K8S-PODS-READY, K8S-LABELS, K8S-PROBES, K8S-RESOURCES, K8S-SERVICE-PORTS,
 * K8S-WORKER-PORTS → FUNC-1; K8S-POD-SECURITY → SEC-2; K8S-DB-EXPOSURE → SEC-1, ST-NETPOL;
 * K8S-SECRET-INLINE → SEC-4; K8S-POLICY-DRIFT → SEC-1, ST-NETPOL.
 */
export const K8S_RULE_IDS = [
  'K8S-REPLICAS', 'K8S-PODS-READY', 'K8S-LABELS', 'K8S-PROBES', 'K8S-RESOURCES', 'K8S-SERVICE-PORTS',
  'K8S-WORKER-PORTS', 'K8S-POD-SECURITY', 'K8S-DB-EXPOSURE', 'K8S-SECRET-INLINE', 'K8S-POLICY-DRIFT',
] as const;
export type K8sRuleId = (typeof K8S_RULE_IDS)[number];
