import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETPOL_FAULTS, type NetpolFaultName } from '../../sandbox/faults/netpol-faults';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { SandboxCluster } from '../../sandbox/cluster/sandbox-cluster';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { checks as securityChecks } from '../../suites/security/index';
import { netpolChecks } from '../../suites/security/netpol/index';
import { explain } from '../security/harness';
import { rules, texts } from './helpers';

/**
 * The Kubernetes checks on the sandbox: all green on the clean sandbox (its manifests, its
 * network-namespace cluster and its Kubernetes API), and each fault caught by the part that can
 * see it — the intent diff, a workload check, the cluster API or only the live probe. One sandbox
 * and one network-namespace cluster for the whole file, torn down at the end.
 */

let sandbox: StartedSandbox;
let target: Target;
let artifactsDir: string;
let runs = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ ports: 'free', ledger: false, edges: false });
  const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  target = resolveTarget(parsed.profile);
  artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-netpol-faults-'));
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  rmSync(artifactsDir, { recursive: true, force: true });
}, 60_000);

async function run(ids: readonly string[]): Promise<Map<string, CheckResult>> {
  const defs = ids.map((id) => securityChecks.find((c) => c.id === id)!);
  const out = await runChecks(defs, { runId: `np-${++runs}`, target, fixtures: null, artifactsDir: path.join(artifactsDir, String(runs)) });
  return new Map(out.results.map((r) => [r.id, r]));
}

const ALL = netpolChecks.map((c) => c.id);
/** Why this machine cannot run the network-namespace cluster (not root, no nftables), or null. */
const noCluster = SandboxCluster.unavailable();
const LIVE = ['SEC-NETPOL-LIVE', 'FUNC-PODS-READY', 'SEC-NETPOL-CLUSTER-DIFF'];

describe('clean sandbox', () => {
  it('every Kubernetes check stays green on a correct target, with the live probe and the cluster API judging', async () => {
    const results = await run(ALL);
    if (noCluster) {
      // Without root or nftables the live part is skipped with the reason, never failed.
      for (const id of LIVE) expect(results.get(id)?.status, explain(results.get(id))).toBe('skipped');
      expect(results.get('SEC-NETPOL-LIVE')!.message).toContain(noCluster);
      for (const id of ALL.filter((x) => !LIVE.includes(x))) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
      return;
    }
    for (const id of ALL) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
    expect(results.get('SEC-NETPOL-LIVE')!.measurements).toMatchObject({ wrong: 0, probeFailed: 0 });
    expect(results.get('SEC-NETPOL-LIVE')!.measurements.probes).toBeGreaterThan(1_000);
    expect(results.get('FUNC-PODS-READY')!.measurements.ready).toBe(24);
    expect(results.get('SEC-NETPOL-INTENT')!.measurements).toMatchObject({ wrong: 0, policies: 10, workloads: 11 });
    const svg = readFileSync(path.join(artifactsDir, String(runs), 'SEC-NETPOL-LIVE/matrix.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toContain('data-state="live-mismatch"');
  }, 240_000);
});

/** What each fault must show beyond "its checks fail": the rules and words of its findings. */
const EXPECT: Record<NetpolFaultName, (r: Map<string, CheckResult>) => void> = {
  'netpol-no-default-deny': (r) => {
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('no explicit default-deny policy (podSelector {}, no rules) isolates every pod of backend-mainnet for ingress and egress');
    expect(rules(r.get('SEC-NETPOL-INTENT'))).toContain('NP-0');
  },
  'netpol-db-open': (r) => {
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('gxv-elsewhere/stranger → backend-mainnet/postgres 5432/TCP is allowed, but no §13.2 flow permits it');
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-9']));
  },
  'netpol-workers-no-ledger': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-5', 'NP-6']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('backend-mainnet/projector → fabric/orderer0 7050/TCP is denied, but NP-6 requires it');
  },
  'netpol-dns-udp-only': (r) => {
    const found = r.get('SEC-NETPOL-INTENT')!.findings!;
    expect(found.every((f) => f.rule === 'NP-1' && f.text.includes('kube-system/coredns 53/TCP'))).toBe(true);
    expect(found).toHaveLength(11); // every pod of the namespace
    expect(found[0].evidence![0].note).toContain('near misses: network/01-dns.yaml backend-mainnet/allow-dns-egress egress[0] matches kube-system/coredns but not 53/TCP');
  },
  'netpol-selector-typo': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-2']));
    expect(r.get('SEC-NETPOL-INTENT')!.findings![0].evidence![0].note).toContain('backend-mainnet/postgres is isolated for ingress by backend-mainnet/default-deny-all');
  },
  'netpol-monitoring-blocked': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-8']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('monitoring/prometheus → backend-mainnet/projector 9091/TCP is denied, but NP-8 requires it');
  },
  'netpol-api-open': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['EDGE-12']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('gxv-elsewhere/stranger → backend-mainnet/svc-tax 3007/TCP is allowed, but no §13.2 flow permits it: the API is reachable around the ingress controller');
  },
  'netpol-redis-api-only': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-3']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('backend-mainnet/outbox-submitter → backend-mainnet/redis 6379/TCP is denied, but NP-3 requires it');
    expect(texts(r.get('SEC-NETPOL-INTENT')).every((t) => /^backend-mainnet\/(outbox-submitter|projector) → /.test(t))).toBe(true);
  },
  'netpol-api-to-api-no-egress': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-4']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('backend-mainnet/svc-tokenomics → backend-mainnet/svc-identity 3001/TCP is denied, but NP-4 requires it');
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toHaveLength(49); // 7 API services × 7
  },
  'netpol-ingress-namespace-typo': (r) => {
    expect(new Set(rules(r.get('SEC-NETPOL-INTENT')))).toEqual(new Set(['NP-7']));
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toContain('ingress-nginx/ingress-nginx-controller → backend-mainnet/svc-identity 3001/TCP is denied, but NP-7 requires it');
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toHaveLength(7);
  },
  'netpol-migration-job-unlabelled': (r) => {
    expect(texts(r.get('SEC-NETPOL-INTENT'))).toEqual(['backend-mainnet/db-migrate → backend-mainnet/postgres 5432/TCP is denied, but NP-10 requires it']);
    expect(rules(r.get('SEC-NETPOL-INTENT'))).toEqual(['NP-10']);
    expect(r.get('SEC-NETPOL-INTENT')!.findings![0].evidence![0].note).toContain('near misses: network/02-postgres.yaml backend-mainnet/allow-postgres-ingress ingress[0] matches 5432/TCP but not backend-mainnet/db-migrate');
  },
  'netpol-enforcement-off': (r) => {
    expect(rules(r.get('SEC-NETPOL-LIVE'))).toContain('NP-9');
    expect(texts(r.get('SEC-NETPOL-LIVE'))).toContain('backend-mainnet/redis → backend-mainnet/postgres 5432/TCP is allowed in the cluster (1 of 1 pod pairs), but the manifests say blocked and §13.2 says blocked');
  },
  'netpol-cluster-drift': (r) => {
    expect(texts(r.get('SEC-NETPOL-CLUSTER-DIFF'))).toEqual(['NetworkPolicy backend-mainnet/allow-postgres-ingress in the cluster differs from network/02-postgres.yaml']);
    expect(texts(r.get('SEC-NETPOL-LIVE'))).toContain('gxv-elsewhere/stranger → backend-mainnet/postgres 5432/TCP is allowed in the cluster (1 of 1 pod pairs), but the manifests say blocked and §13.2 says blocked');
  },
  'pod-not-ready': (r) => {
    expect(texts(r.get('FUNC-PODS-READY'))).toContain('pod backend-mainnet/svc-tax-0 of svc-tax is not ready (Running, ContainersNotReady, containers with unready status: [svc-tax])');
  },
  'service-port-mismatch': (r) => {
    expect(texts(r.get('SEC-K8S-WORKLOADS'))[0]).toBe('Service backend-mainnet/svc-tax: port 80 → targetPort 3070, which no selected container declares');
  },
  'replicas-short': (r) => {
    expect(texts(r.get('SEC-K8S-WORKLOADS'))).toEqual([
      'Deployment backend-mainnet/svc-admin: runs 2 replica(s); §13.1 plans 3',
      'the manifests plan 23 pods for the API services and workers; §13.1 needs 24 at minimum scale',
    ]);
  },
  'secret-in-manifest': (r) => {
    const secret = readFileSync(sandbox.jwtSecretFile, 'utf8');
    expect(texts(r.get('SEC-K8S-SECRETS'))[0]).toMatch(/^Deployment backend-mainnet\/svc-identity: container svc-identity env JWT_SECRET holds a literal value \(.{4}\*\*\*\*\) at api\/svc-identity\.yaml:\d+/);
    expect(JSON.stringify([...r.values()])).not.toContain(secret);
  },
  'pod-privileged': (r) => {
    expect(texts(r.get('SEC-K8S-POD-SECURITY'))[0]).toContain('Deployment backend-mainnet/svc-governance: container svc-governance: runAsNonRoot is not true; runs as uid 0, not 1000');
  },
  'db-nodeport': (r) => {
    expect(rules(r.get('SEC-K8S-EXPOSURE'))).toEqual(['K8S-DB-EXPOSURE']);
  },
};

describe('each fault is caught by the part that can see it', () => {
  // Without the cluster, the faults only it can show are left out (the clean case asserts the skip).
  const cases = (Object.entries(NETPOL_FAULTS) as Array<[NetpolFaultName, (typeof NETPOL_FAULTS)[NetpolFaultName]]>)
    .filter(([, spec]) => !noCluster || !spec.checks.some((id) => LIVE.includes(id)));
  it.each(cases)('%s', async (fault, spec) => {
    // The named checks, and the intent diff beside them: it must stay green where the manifests are right.
    const manifestsRight = spec.part === 'cluster';
    const ids = [...new Set([...spec.checks, ...(manifestsRight ? ['SEC-NETPOL-INTENT'] : [])])];
    await sandbox.faults.set([fault]);
    try {
      const results = await run(ids);
      for (const id of spec.checks) expect(results.get(id)?.status, explain(results.get(id))).toBe('fail');
      if (manifestsRight) expect(results.get('SEC-NETPOL-INTENT')?.status, explain(results.get('SEC-NETPOL-INTENT'))).toBe('pass');
      EXPECT[fault](results);
    } finally {
      await sandbox.faults.set([]);
    }
  }, 240_000);
});
