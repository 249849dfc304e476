import type { FaultSpec } from './spec';

/**
 * Faults of the sandbox's Kubernetes manifests (sandbox/cluster/manifests.ts writes the faulted
 * copy of fixtures/k8s/gx) and of its network-namespace cluster (the "network plugin"). Each is
 * caught by the part that can see it: the intent diff, a workload check, or only the live probe.
 */
export const NETPOL_FAULTS = {
  'netpol-no-default-deny': { part: 'config', breaks: 'The default-deny policy of backend-mainnet is missing (NP-0): pods no other policy isolates are open both ways.', rules: ['NP-0'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-db-open': { part: 'config', breaks: 'PostgreSQL\'s ingress policy allows 5432 from every source, inside or outside the namespace (NP-2, NP-9).', rules: ['NP-2', 'NP-9'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-workers-no-ledger': { part: 'config', breaks: 'The workers\' egress policy to the Fabric peers and orderers is missing (NP-5, NP-6).', rules: ['NP-5', 'NP-6'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-dns-udp-only': { part: 'config', breaks: 'The DNS egress policy allows UDP 53 only, not TCP 53 (NP-1).', rules: ['NP-1'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-selector-typo': { part: 'config', breaks: 'PostgreSQL\'s ingress policy selects app=postgress, a label no pod has, so nothing may reach the database (NP-2).', rules: ['NP-2'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-monitoring-blocked': { part: 'config', breaks: 'The scrape policy admits the namespace "prometheus" instead of "monitoring", so nothing scrapes the pods (NP-8).', rules: ['NP-8'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-api-open': { part: 'config', breaks: 'The ingress-controller policy lost its `from`: the API pods\' ports 3001–3007 are open to every source, so an edge can reach them around the ingress controller (EDGE-12).', rules: ['EDGE-12'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-redis-api-only': { part: 'config', breaks: 'Both Redis policies select component=api only, so the workers (outbox-submitter, projector) cannot reach Redis on 6379 (NP-3).', rules: ['NP-3'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-api-to-api-no-egress': { part: 'config', breaks: 'allow-api-to-api lost its egress rule while keeping Egress in policyTypes: the API pods admit each other but cannot call out to one another on 3001–3007 (NP-4).', rules: ['NP-4'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-ingress-namespace-typo': { part: 'config', breaks: 'The ingress-controller policy admits namespace "nginx-ingress" instead of "ingress-nginx", so the ingress controller cannot reach the API pods (NP-7).', rules: ['NP-7'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-migration-job-unlabelled': { part: 'config', breaks: 'Schema migration moved from svc-identity\'s init container to a Job db-migrate whose pod has no component label, so no policy lets it reach PostgreSQL (NP-10).', rules: ['NP-10'], checks: ['SEC-NETPOL-INTENT'] },
  'netpol-enforcement-off': { part: 'cluster', breaks: 'The manifests are right but the cluster\'s network plugin enforces no NetworkPolicy at all.', rules: ['NP-0', 'NP-9'], checks: ['SEC-NETPOL-LIVE'] },
  'netpol-cluster-drift': { part: 'cluster', breaks: 'Someone edited allow-postgres-ingress in the cluster to admit pods of every namespace; the manifests still say API and worker pods only.', rules: ['NP-2', 'NP-9'], checks: ['SEC-NETPOL-CLUSTER-DIFF', 'SEC-NETPOL-LIVE'] },
  'pod-not-ready': { part: 'cluster', breaks: 'One svc-tax pod keeps failing its readiness probe (Ready=False), so 23 of the 24 pods are ready.', checks: ['FUNC-PODS-READY'] },
  'service-port-mismatch': { part: 'config', breaks: 'Service svc-tax sends port 80 to targetPort 3070, which no container declares (svc-tax listens on 3007).', checks: ['SEC-K8S-WORKLOADS'] },
  'replicas-short': { part: 'config', breaks: 'svc-admin runs 2 replicas instead of 3: 23 pods at minimum scale instead of 24.', checks: ['SEC-K8S-WORKLOADS'] },
  'secret-in-manifest': { part: 'config', breaks: 'svc-identity\'s Deployment carries JWT_SECRET inline as an env value instead of a secretKeyRef.', checks: ['SEC-K8S-SECRETS', 'SEC-SECRETS-CONFIG'] },
  'pod-privileged': { part: 'config', breaks: 'svc-governance runs as root, privileged, with privilege escalation and a writable root filesystem.', checks: ['SEC-K8S-POD-SECURITY'] },
  'db-nodeport': { part: 'config', breaks: 'Service postgres is of type NodePort: the database is exposed on every node.', rules: ['NP-9'], checks: ['SEC-K8S-EXPOSURE'] },
} as const satisfies Record<string, FaultSpec>;

export type NetpolFaultName = keyof typeof NETPOL_FAULTS;
