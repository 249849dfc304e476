import { describe, expect, it } from 'vitest';
import { defineCheck, type CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import { applyBlocking } from '../../src/run/blocking';

/** One root cause, however many paths lead to it (a prerequisite reached twice is not a second root). */
const def = (id: string, dependsOn: string[] = []): CheckDef =>
  defineCheck({ id, layer: 'integration', title: id, criteria: ['IT-API-4'], dependsOn, run: async () => ({ status: 'skipped', message: '' }) });
const result = (id: string, status: CheckResult['status']): CheckResult => ({
  id, layer: 'integration', title: id, status, criteria: ['IT-API-4'], region: null, endpoint: null, durationMs: 0, message: `${id} ${status}`, measurements: {}, evidence: [],
});

describe('applyBlocking', () => {
  it('names only the root when a check reaches it through several red prerequisites', () => {
    // ROUTING (root) ← ROUTED-CHECK ← WRITE-PATH ← CMD-A ← CMD-B, and CMD-B also depends on ROUTED-CHECK and WRITE-PATH directly.
    const ran = [
      { def: def('ROUTING'), region: 'asia', result: result('ROUTING', 'fail') },
      { def: def('ROUTED-CHECK', ['ROUTING']), region: 'asia', result: result('ROUTED-CHECK', 'fail') },
      { def: def('WRITE-PATH', ['ROUTED-CHECK']), region: 'asia', result: result('WRITE-PATH', 'error') },
      { def: def('CMD-A', ['ROUTED-CHECK', 'WRITE-PATH']), region: 'asia', result: result('CMD-A', 'error') },
      { def: def('CMD-B', ['ROUTED-CHECK', 'WRITE-PATH', 'CMD-A']), region: 'asia', result: result('CMD-B', 'error') },
    ];
    const out = applyBlocking(ran);
    expect(out.map((r) => [r.id, r.status, r.blockedBy ?? null])).toEqual([
      ['ROUTING', 'fail', null],
      ['ROUTED-CHECK', 'blocked', ['ROUTING']],
      ['WRITE-PATH', 'blocked', ['ROUTING']],
      ['CMD-A', 'blocked', ['ROUTING']],
      ['CMD-B', 'blocked', ['ROUTING']],
    ]);
  });
});
