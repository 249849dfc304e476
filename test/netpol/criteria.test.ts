import { describe, expect, it } from 'vitest';
import { evaluateCriteria } from '../../src/criteria/evaluate';
import { getCriterion } from '../../src/criteria/registry';
import { SANDBOX_WAIVERS } from '../../src/criteria/sandbox-waivers';
import type { CheckResult } from '../../src/evidence/types';

/** How the Kubernetes checks' results become FUNC-1, SEC-1 and ST-NETPOL (issue 12). */

const result = (id: string, status: CheckResult['status'], criteria: string[], message = ''): CheckResult => ({
  id, layer: 'security', title: id, status, criteria, region: null, endpoint: null, durationMs: 1, message, measurements: {}, evidence: [],
});
const judge = (id: string, results: CheckResult[]) => evaluateCriteria(results, { regions: ['local'], waivers: [...SANDBOX_WAIVERS], criteria: [getCriterion(id)!] })[0];

describe('criteria fed by the Kubernetes checks', () => {
  it('are no longer waived on the sandbox', () => {
    expect(SANDBOX_WAIVERS.some((w) => ['FUNC-1', 'SEC-1', 'ST-NETPOL'].includes(w.criterion))).toBe(false);
  });

  it('FUNC-1 passes on the plan and healthy services with the pod count skipped for want of a cluster, and says so', () => {
    const r = judge('FUNC-1', [
      result('SEC-K8S-WORKLOADS', 'pass', ['FUNC-1']),
      result('INT-INFRA-HEALTH', 'pass', ['FUNC-1']),
      result('FUNC-PODS-READY', 'skipped', ['FUNC-1'], 'Counting ready pods needs cluster access: the profile\'s `kubernetes` section sets neither `context` nor `kubeconfig`.'),
    ]);
    expect(r.status).toBe('pass');
    expect(r.reason).toContain('1 skipped: Counting ready pods needs cluster access');
    expect(getCriterion('FUNC-1')!.essential?.map((e) => e.checks)).toEqual(['SEC-K8S-WORKLOADS']);
  });

  it('FUNC-1 fails when the live pods fail, whatever the manifests say', () => {
    const r = judge('FUNC-1', [result('SEC-K8S-WORKLOADS', 'pass', ['FUNC-1']), result('FUNC-PODS-READY', 'fail', ['FUNC-1'], '1 finding(s)')]);
    expect(r.status).toBe('fail');
  });

  it('SEC-1 and ST-NETPOL: the intent diff is essential; a failing live probe fails them', () => {
    for (const id of ['SEC-1', 'ST-NETPOL']) {
      expect(getCriterion(id)!.essential?.map((e) => e.checks)).toEqual(['SEC-NETPOL-INTENT']);
      expect(judge(id, [result('SEC-NETPOL-INTENT', 'pass', [id]), result('SEC-NETPOL-LIVE', 'skipped', [id], 'no cluster')]).status).toBe('pass');
      expect(judge(id, [result('SEC-NETPOL-INTENT', 'pass', [id]), result('SEC-NETPOL-LIVE', 'fail', [id], 'wrong')]).status).toBe('fail');
      expect(judge(id, []).status).toBe('not-evaluated');
    }
  });
});
