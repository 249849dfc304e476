import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { FaultName } from '../faults/catalog';
import type { FaultSwitchboard } from '../faults/switchboard';

/**
 * The sandbox's Kubernetes manifests: a copy of fixtures/k8s/gx (the clean GX deployment) in the
 * sandbox's temp folder, rewritten on every fault change. A manifest fault edits the documents of
 * one file (or drops the file); untouched files are copied byte for byte.
 */

export const GX_MANIFESTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/k8s/gx');

// Edits reach deep into known fixture documents; their shape is the fixture's, checked by the tests.
type Doc = Record<string, any>;
type Edit = (docs: Doc[], secrets: { jwtSecret: string }) => Doc[] | null;

const byName = (name: string, fn: (d: Doc) => void) => (docs: Doc[]) => docs.map((d) => { if (d.metadata?.name === name) fn(d); return d; });
const container = (d: Doc) => d.spec.template.spec.containers[0];

/**
 * Per fault: the file it changes and how (null drops the file). Most change the manifests (and so
 * the cluster that runs them); CLUSTER_ONLY ones change only what the cluster runs (a hand edit).
 */
const CLUSTER_ONLY: readonly FaultName[] = ['netpol-cluster-drift'];
const EDITS: Partial<Record<FaultName, [string, Edit]>> = {
  'netpol-cluster-drift': ['network/02-postgres.yaml', byName('allow-postgres-ingress', (d) => { d.spec.ingress[0].from = [{ namespaceSelector: {} }]; })],
  'netpol-no-default-deny': ['network/00-default-deny.yaml', () => null],
  'netpol-workers-no-ledger': ['network/05-workers-to-ledger.yaml', () => null],
  'netpol-db-open': ['network/02-postgres.yaml', byName('allow-postgres-ingress', (d) => { d.spec.ingress = [{ ports: [{ protocol: 'TCP', port: 5432 }] }]; })],
  'netpol-selector-typo': ['network/02-postgres.yaml', byName('allow-postgres-ingress', (d) => { d.spec.podSelector = { matchLabels: { app: 'postgress' } }; })],
  'netpol-dns-udp-only': ['network/01-dns.yaml', byName('allow-dns-egress', (d) => { d.spec.egress[0].ports = [{ protocol: 'UDP', port: 53 }]; })],
  'netpol-monitoring-blocked': ['network/08-monitoring.yaml', byName('allow-monitoring-scrape', (d) => {
    d.spec.ingress[0].from = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prometheus' } } }];
  })],
  'service-port-mismatch': ['api/svc-tax.yaml', (docs) => docs.map((d) => { if (d.kind === 'Service') d.spec.ports[0].targetPort = 3070; return d; })],
  'replicas-short': ['api/svc-admin.yaml', (docs) => docs.map((d) => { if (d.kind === 'Deployment') d.spec.replicas = 2; return d; })],
  'secret-in-manifest': ['api/svc-identity.yaml', (docs, s) => docs.map((d) => {
    if (d.kind === 'Deployment') {
      const env = container(d).env as Doc[];
      container(d).env = env.map((e) => (e.name === 'JWT_SECRET' ? { name: 'JWT_SECRET', value: s.jwtSecret } : e));
    }
    return d;
  })],
  'pod-privileged': ['api/svc-governance.yaml', (docs) => docs.map((d) => {
    if (d.kind === 'Deployment') {
      d.spec.template.spec.securityContext = { runAsUser: 0 };
      container(d).securityContext = { privileged: true, allowPrivilegeEscalation: true, readOnlyRootFilesystem: false };
    }
    return d;
  })],
  'netpol-api-open': ['network/07-ingress-controller.yaml', byName('allow-ingress-controller', (d) => { delete d.spec.ingress[0].from; })],
  'netpol-redis-api-only': ['network/03-redis.yaml', (docs) => docs.map((d) => {
    const apiOnly = { matchLabels: { component: 'api' } };
    if (d.metadata?.name === 'allow-redis-ingress') d.spec.ingress[0].from = [{ podSelector: apiOnly }];
    if (d.metadata?.name === 'allow-redis-egress') d.spec.podSelector = apiOnly;
    return d;
  })],
  'netpol-api-to-api-no-egress': ['network/04-api-to-api.yaml', byName('allow-api-to-api', (d) => { delete d.spec.egress; })],
  'netpol-ingress-namespace-typo': ['network/07-ingress-controller.yaml', byName('allow-ingress-controller', (d) => {
    d.spec.ingress[0].from = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-ingress' } } }];
  })],
  'netpol-migration-job-unlabelled': ['api/svc-identity.yaml', (docs) => {
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    const migrate = deployment.spec.template.spec.initContainers[0];
    delete deployment.spec.template.spec.initContainers;
    const job = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'db-migrate', namespace: 'backend-mainnet', labels: { app: 'db-migrate' } },
      spec: {
        backoffLimit: 3,
        template: {
          metadata: { labels: { app: 'db-migrate' } },
          spec: { ...structuredClone(deployment.spec.template.spec), initContainers: undefined, restartPolicy: 'Never', containers: [migrate] },
        },
      },
    };
    delete job.spec.template.spec.initContainers;
    return [...docs, job];
  }],
  'db-nodeport': ['data/postgres.yaml', (docs) => docs.map((d) => { if (d.kind === 'Service') d.spec.type = 'NodePort'; return d; })],
};

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

export function renderManifests(target: string, active: readonly FaultName[], secrets: { jwtSecret: string }, opts: { cluster?: boolean; source?: string } = {}): void {
  const source = opts.source ?? GX_MANIFESTS;
  rmSync(target, { recursive: true, force: true });
  const edits = active.filter((f) => opts.cluster || !CLUSTER_ONLY.includes(f)).map((f) => EDITS[f]).filter((e): e is [string, Edit] => e !== undefined);
  for (const rel of listFiles(source)) {
    const text = readFileSync(path.join(source, rel), 'utf8');
    let out: string | null = text;
    for (const [, edit] of edits.filter(([f]) => f === rel.split(path.sep).join('/'))) {
      if (out === null) break;
      const next = edit(YAML.parseAllDocuments(out).map((d) => d.toJS() as Doc).filter(Boolean), secrets);
      out = next === null ? null : next.map((d) => YAML.stringify(d)).join('---\n');
    }
    if (out === null) continue;
    mkdirSync(path.dirname(path.join(target, rel)), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(target, rel), out, { mode: 0o600 });
  }
}

export interface SandboxManifests {
  /** The deployment's manifests (what the profile points at). */
  dir: string;
  /** What the sandbox's cluster runs: the manifests plus any hand edit made in the cluster. */
  appliedDir: string;
  detach(): void;
}

/** Writes the manifests (and the cluster's applied copy) now and again on every fault change. */
export function writeSandboxManifests(tempDir: string, faults: FaultSwitchboard, secrets: { jwtSecret: string }): SandboxManifests {
  const dir = path.join(tempDir, 'k8s');
  const appliedDir = path.join(tempDir, 'k8s-applied');
  const write = () => {
    renderManifests(dir, faults.list(), secrets);
    renderManifests(appliedDir, faults.list(), secrets, { cluster: true });
  };
  write();
  return { dir, appliedDir, detach: faults.onChange(write) };
}
