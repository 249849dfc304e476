import { describe, expect, it } from 'vitest';
import { evaluateCriteria } from '../../src/criteria/evaluate';
import { CRITERIA, ENDPOINT_IDS } from '../../src/criteria/registry';
import { SANDBOX_WAIVERS } from '../../src/criteria/sandbox-waivers';
import { verdict } from '../../src/criteria/verdict';
import type { CheckResult } from '../../src/evidence/types';

function result(id: string, status: CheckResult['status'], criteria: string[], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id, layer: 'integration', title: id, status, criteria, region: null, endpoint: null, durationMs: 1,
    message: status === 'pass' ? '' : `${id} ${status} because reasons`, measurements: {}, evidence: [], ...extra,
  };
}

/** A registry criterion without its essential evidence: these tests are about the rule mechanics. */
const one = (id: string) => CRITERIA.filter((c) => c.id === id).map(({ essential: _, ...c }) => c);
const withEssentials = (id: string) => CRITERIA.filter((c) => c.id === id);
const opts = (extra = {}) => ({ regions: ['asia'], waivers: [], ...extra });

describe('criterion rules', () => {
  it('any fail or error makes the criterion fail, naming the checks', () => {
    const [c] = evaluateCriteria([result('A', 'pass', ['IT-API-2']), result('B', 'error', ['IT-API-2'])], opts({ criteria: one('IT-API-2') }));
    expect(c.status).toBe('fail');
    expect(c.reason).toContain('B errored: B error because reasons');
    expect(c.checks).toEqual(['A', 'B']);
  });

  it('no linked check, or only skipped ones, is not-evaluated with the skip reasons', () => {
    const [none] = evaluateCriteria([], opts({ criteria: one('IT-API-2') }));
    expect(none.status).toBe('not-evaluated');
    expect(none.reason).toMatch(/No check gives evidence/);
    const [skipped] = evaluateCriteria([result('A', 'skipped', ['IT-API-2'], { message: 'profile has no `database` section' })], opts({ criteria: one('IT-API-2') }));
    expect(skipped.status).toBe('not-evaluated');
    expect(skipped.reason).toContain('profile has no `database` section');
  });

  it('passes when something ran and nothing failed, counting the skipped', () => {
    const [c] = evaluateCriteria([result('A', 'pass', ['IT-API-2']), result('B', 'skipped', ['IT-API-2'], { message: 'no fabric' })], opts({ criteria: one('IT-API-2') }));
    expect(c.status).toBe('pass');
    expect(c.reason).toBe('1 of 2 checks passed (1 skipped: no fabric).');
  });

  it('a profile waiver turns fail and not-evaluated into waived, never a pass', () => {
    const waivers = [{ criterion: 'IT-API-2', reason: 'known issue GX-12', approvedBy: 'release board' }];
    const [failed] = evaluateCriteria([result('A', 'fail', ['IT-API-2'])], opts({ criteria: one('IT-API-2'), waivers }));
    expect(failed.status).toBe('waived');
    expect(failed.reason).toContain('Waived by release board: known issue GX-12 (would be fail');
    const [passed] = evaluateCriteria([result('A', 'pass', ['IT-API-2'])], opts({ criteria: one('IT-API-2'), waivers }));
    expect(passed.status).toBe('pass');
  });

  it('built-in sandbox waivers cover missing evidence but not failures', () => {
    const waivers = SANDBOX_WAIVERS.filter((w) => w.criterion === 'PERF-4');
    const [missing] = evaluateCriteria([], opts({ criteria: one('PERF-4'), waivers }));
    expect(missing.status).toBe('waived');
    const [failed] = evaluateCriteria([result('UPTIME', 'fail', ['PERF-4'])], opts({ criteria: one('PERF-4'), waivers }));
    expect(failed.status).toBe('fail');
  });

  it('PERF-1 needs passing evidence from every region of the target', () => {
    const r = [result('L-asia', 'pass', ['PERF-1'], { region: 'asia' })];
    const [partial] = evaluateCriteria(r, opts({ criteria: one('PERF-1'), regions: ['asia', 'europe'] }));
    expect(partial.status).toBe('not-evaluated');
    expect(partial.reason).toContain('region(s) europe');
    const [all] = evaluateCriteria([...r, result('L-europe', 'pass', ['PERF-1'], { region: 'europe' })], opts({ criteria: one('PERF-1'), regions: ['asia', 'europe'] }));
    expect(all.status).toBe('pass');
  });

  it('FUNC-4 needs three edge regions, each with passing evidence; a direct region is not a GeoDNS target', () => {
    const [one1] = evaluateCriteria([result('E-asia', 'pass', ['FUNC-4'], { region: 'asia' })], opts({ criteria: one('FUNC-4'), edgeRegions: ['asia'] }));
    expect(one1.status).toBe('not-evaluated');
    expect(one1.reason).toContain('Needs 3 edge regions; the profile names 1');
    const edges = ['asia', 'north-america', 'europe'];
    const evidence = edges.map((r) => result(`E-${r}`, 'pass', ['FUNC-4'], { region: r }));
    const [all] = evaluateCriteria(evidence, opts({ criteria: one('FUNC-4'), regions: ['local', ...edges], edgeRegions: edges }));
    expect(all.status).toBe('pass');
    const [gap] = evaluateCriteria(evidence.slice(0, 2), opts({ criteria: one('FUNC-4'), regions: ['local', ...edges], edgeRegions: edges }));
    expect(gap.status).toBe('not-evaluated');
    expect(gap.reason).toContain('region(s) europe');
  });

  it('supporting-only criteria fail on a failing check but never pass on partial evidence', () => {
    const supporting = CRITERIA.filter((c) => c.rule.kind === 'supporting-only').map((c) => c.id);
    expect(supporting.length).toBeGreaterThan(0);
    for (const id of supporting) {
      const [open] = evaluateCriteria([result('H', 'pass', [id])], opts({ criteria: one(id) }));
      expect(open.status).toBe('not-evaluated');
      expect(open.reason).toContain('Supporting evidence: 1 of 1 checks passed');
      const [failed] = evaluateCriteria([result('H', 'fail', [id], { message: 'down' })], opts({ criteria: one(id) }));
      expect(failed.status).toBe('fail');
    }
  });

  it('IT-API-1 needs passing checks covering all 39 endpoints', () => {
    const some = ENDPOINT_IDS.slice(0, 38).map((e) => result(`C${e}`, 'pass', ['IT-API-1'], { endpoint: e }));
    const [partial] = evaluateCriteria(some, opts({ criteria: one('IT-API-1') }));
    expect(partial.status).toBe('not-evaluated');
    expect(partial.reason).toContain('not covered: #39');
    const [all] = evaluateCriteria([...some, result('C39', 'pass', ['IT-API-1'], { endpoint: '#39' })], opts({ criteria: one('IT-API-1') }));
    expect(all.status).toBe('pass');
  });
});

describe('verdict', () => {
  const crit = (status: 'pass' | 'fail' | 'not-evaluated' | 'waived', blocking = true) =>
    ({ id: 'X', group: 'functional' as const, statement: 's', blocking, status, checks: [], reason: '' });
  it('is GO only when every blocking criterion passes or is waived', () => {
    expect(verdict([crit('pass'), crit('waived')])).toBe('GO');
    expect(verdict([crit('pass'), crit('fail', false), crit('not-evaluated', false)])).toBe('GO');
    expect(verdict([crit('pass'), crit('not-evaluated')])).toBe('NO-GO');
    expect(verdict([crit('fail')])).toBe('NO-GO');
  });
  it('is never GO for an incomplete run', () => {
    expect(verdict([crit('pass')], false)).toBe('NO-GO');
  });
});

describe('criteria: essential evidence, blocked checks, blame by rule, verdict scope', () => {
  it('SEC-3 is not-evaluated without the TLS grade of every edge, whatever else passed', () => {
    const headersOnly = [result('SEC-HEADERS-asia', 'pass', ['SEC-3'], { region: 'asia' })];
    const [c] = evaluateCriteria(headersOnly, opts({ criteria: withEssentials('SEC-3'), edgeRegions: ['asia', 'europe'] }));
    expect(c.status).toBe('not-evaluated');
    expect(c.reason).toContain('Essential evidence missing: SEC-TLS-GRADE (the SSL Labs grade of every edge): no such check ran');

    const oneEdge = [...headersOnly, result('SEC-TLS-GRADE-asia', 'pass', ['SEC-3'], { region: 'asia' })];
    const [partial] = evaluateCriteria(oneEdge, opts({ criteria: withEssentials('SEC-3'), edgeRegions: ['asia', 'europe'] }));
    expect(partial.status).toBe('not-evaluated');
    expect(partial.reason).toContain('no passing result from europe');

    const both = [...oneEdge, result('SEC-TLS-GRADE-europe', 'pass', ['SEC-3'], { region: 'europe' })];
    const [full] = evaluateCriteria(both, opts({ criteria: withEssentials('SEC-3'), edgeRegions: ['asia', 'europe'] }));
    expect(full.status).toBe('pass');
  });

  it('SEC-3 and FUNC-5 are not-evaluated for a profile without edges', () => {
    const criteria = [...withEssentials('SEC-3'), ...withEssentials('FUNC-5')];
    const results = [result('SEC-HEADERS', 'pass', ['SEC-3']), result('SEC-TLS-GRADE', 'skipped', ['SEC-3', 'FUNC-5'], { message: 'Needs an edge' })];
    const out = evaluateCriteria(results, opts({ criteria, edgeRegions: [] }));
    expect(out.map((c) => c.status)).toEqual(['not-evaluated', 'not-evaluated']);
  });

  it('an endpoint-coverage essential names the endpoints no passing check covered', () => {
    const criteria = [{ ...one('IT-API-4')[0], essential: [{ checks: 'INT-ERRORS-*', why: 'documented errors', endpoints: ['#1', '#2', '#3'] }] }];
    const [c] = evaluateCriteria([result('INT-ERRORS-E01', 'pass', ['IT-API-4'], { endpoint: '#1' })], opts({ criteria }));
    expect(c.status).toBe('not-evaluated');
    expect(c.reason).toContain('INT-ERRORS-* (documented errors): 1 of 3 endpoints covered; not covered: #2, #3');
  });

  it('a criterion whose only red lines are blocked is not-evaluated naming the root cause', () => {
    const results = [
      result('SEC-ERROR-LEAK-asia', 'blocked', ['SEC-4'], { region: 'asia', blockedBy: ['SEC-EDGE-ROUTES-asia'] }),
      result('SEC-SECRETS-CONFIG', 'pass', ['SEC-4']),
    ];
    const [c] = evaluateCriteria(results, opts({ criteria: one('SEC-4') }));
    expect(c.status).toBe('not-evaluated');
    expect(c.reason).toContain('blocked by SEC-EDGE-ROUTES-asia');
  });

  it('a red check counts against the criteria of the rules it broke, and is inconclusive for its other criteria', () => {
    const jwt500 = result('INT-JWT-EXPIRED', 'fail', ['IT-API-2', 'SEC-2'], { countsAgainst: ['IT-API-4'] });
    const others = [result('INT-JWT-NO-HEADER', 'pass', ['IT-API-2'])];
    const [api2, api4] = evaluateCriteria([jwt500, ...others], opts({ criteria: [...one('IT-API-2'), ...one('IT-API-4')] }));
    expect(api4.status).toBe('fail');
    expect(api4.checks).toEqual(['INT-JWT-EXPIRED']);
    expect(api2.status).toBe('pass');
    expect(api2.reason).toContain('Inconclusive here: its fail counts against IT-API-4');
  });

  it('criteria outside the verdict scope are out-of-scope, shown with what their evidence says, and never block', () => {
    const results = [result('A', 'fail', ['IT-API-2']), result('B', 'pass', ['IT-API-3'])];
    const criteria = [...one('IT-API-2'), ...one('IT-API-3')];
    const out = evaluateCriteria(results, opts({ criteria, scope: { name: 'merge', criteria: ['IT-API-3'] } }));
    expect(out.map((c) => c.status)).toEqual(['out-of-scope', 'pass']);
    expect(out[0].reason).toMatch(/^Outside the verdict scope of gate `merge`; its evidence says fail/);
    expect(verdict(out)).toBe('GO');
  });
});
