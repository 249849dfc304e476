import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../src/evidence/types';
import type { KubernetesTarget, Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { netpolChecks } from '../../suites/security/netpol/index';
import { testTarget } from '../run/fixture-target';

/** Running the Kubernetes checks on a hand-made target, and the recorded API responses. */

export const GX_MANIFESTS = path.resolve('fixtures/k8s/gx');

export function k8sTarget(k: Partial<KubernetesTarget>, overrides: Partial<Target> = {}): Target {
  return testTarget({ kubernetes: { namespace: 'backend-mainnet', namespaces: {}, allowProbePods: false, ...k }, ...overrides });
}

export interface Ran {
  results: Map<string, CheckResult>;
  artifactsDir: string;
}

export async function runK8s(ids: readonly string[], target: Target): Promise<Ran> {
  const defs = ids.map((id) => {
    const def = netpolChecks.find((c) => c.id === id);
    if (!def) throw new Error(`no check ${id}`);
    return def;
  });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-k8s-test-'));
  const out = await runChecks(defs, { runId: 'k8s-test', target, fixtures: null, artifactsDir });
  return { results: new Map(out.results.map((r) => [r.id, r])), artifactsDir };
}

export const cleanup = (ran: Ran) => rmSync(ran.artifactsDir, { recursive: true, force: true });

export interface RecordedNamespace {
  deployments: Array<Record<string, any>>; // API JSON, edited by the tests
  statefulsets: Array<Record<string, any>>;
  pods: Array<Record<string, any>>;
  networkpolicies: Array<Record<string, any>>;
}

/** API responses for backend-mainnet in the shape a v1.30 API server returns (fresh copy each call). */
export function recordedNamespace(): RecordedNamespace {
  return JSON.parse(readFileSync('fixtures/k8s/recorded/backend-mainnet.json', 'utf8')) as RecordedNamespace;
}

export const rules = (r: CheckResult | undefined) => (r?.findings ?? []).map((f) => f.rule);
export const texts = (r: CheckResult | undefined) => (r?.findings ?? []).map((f) => f.text);
