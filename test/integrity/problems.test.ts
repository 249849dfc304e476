import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/checks/define';
import { runChecks } from '../../src/run/runner';
import { Problems } from '../../suites/integration/support/problems';
import { Budget, GIVE_UP_AFTER, spread } from '../../suites/integration/support/budget';
import { testTarget } from '../run/fixture-target';

/** Problems: every finding kept with its rule as it is found; observations counted; budgets sample instead of timing out. */
let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gxv-problems-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const run = async (def: Parameters<typeof defineCheck>[0]) =>
  (await runChecks([defineCheck(def)], { runId: 'p', target: testTarget(), fixtures: null, artifactsDir: dir })).results[0];
const base = { layer: 'integration' as const, criteria: ['IT-API-4'], title: 't' };
const shown = (i: number) => ({ evidence: { request: `GET /x/${i}`, response: 'HTTP 500' } });

describe('Problems', () => {
  it('records every problem with its rule, endpoint and component, and fails with all of them', async () => {
    const r = await run({
      ...base, id: 'P-ALL',
      run: async (ctx) => {
        const problems = new Problems(ctx);
        for (let i = 0; i < 30; i++) {
          problems.judged();
          problems.add({ rule: i % 2 ? 'ERR-5' : 'AUTH-2', text: `problem ${i}`, endpoint: `#${i % 3}` }, shown(i));
        }
        problems.add({ rule: 'EDGE-4', text: 'edge page', endpoint: 'edge', component: 'edge' });
        return problems.finish('fine', '401 E1');
      },
    });
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(31);
    expect(r.findings?.at(-1)).toMatchObject({ rule: 'EDGE-4', endpoint: 'edge', component: 'edge' });
    expect(r.message).toMatch(/^31 finding\(s\); rules: AUTH-2 ×15, ERR-5 ×15, EDGE-4/);
    expect(r.message).not.toMatch(/more/);
    expect(r.measurements).toMatchObject({ judged: 30, unusable: 0, problems: 31 });
  });

  it('keeps the findings of a check stopped at its time limit', async () => {
    const r = await run({
      ...base, id: 'P-SLOW', timeoutMs: 200,
      run: async (ctx) => {
        const problems = new Problems(ctx);
        problems.add({ rule: 'ERR-5', text: 'a 500' }, shown(1));
        return new Promise(() => {});
      },
    });
    expect(r).toMatchObject({ status: 'fail', incomplete: true });
    expect(r.findings?.[0]).toMatchObject({ rule: 'ERR-5', text: 'a 500' });
  });

  it('a check whose answers were all unusable is an error naming what came back, not a pass', async () => {
    const r = await run({
      ...base, id: 'P-VACUOUS',
      run: async (ctx) => {
        const problems = new Problems(ctx);
        for (let i = 0; i < 5; i++) problems.observe({ producer: 'unrouted', component: 'edge', expected: false, kind: 'unrouted 404' });
        return problems.finish('a valid token passed the gate everywhere');
      },
    });
    expect(r.status).toBe('error');
    expect(r.message).toContain('could not exercise: 0 of 5');
    expect(r.message).toContain('unrouted 404 ×5');
  });

  it('advisory findings stay beside a pass', async () => {
    const r = await run({
      ...base, id: 'P-SHOULD',
      run: async (ctx) => {
        const problems = new Problems(ctx);
        problems.judged();
        problems.add({ rule: 'HTTP-7', text: 'no X-Request-Id', advisory: true });
        return problems.finish('fine');
      },
    });
    expect(r.status).toBe('pass');
    expect(r.findings).toHaveLength(1);
  });
});

describe('Budget', () => {
  it('spreads cases over their groups so a prefix is a fair sample', () => {
    expect(spread(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], (s) => s[0])).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('withholds requests that no longer fit before the deadline and says so', async () => {
    const r = await run({
      ...base, id: 'B-SAMPLE', timeoutMs: 2000,
      run: async (ctx) => {
        const budget = new Budget(ctx, { reserveMs: 1500 });
        const problems = new Problems(ctx);
        for (let i = 0; i < 100; i++) {
          if (!budget.take()) continue;
          problems.judged();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        Object.assign(problems.measurements, budget.measurements());
        return problems.finish(`done; ${budget.note()}`);
      },
    });
    expect(r.status).toBe('pass');
    expect(Number(r.measurements.sent)).toBeGreaterThan(0);
    expect(Number(r.measurements.sent) + Number(r.measurements.notSent)).toBe(100);
    expect(String(r.measurements.sampling)).toMatch(/^sampled \d+ of 100 cases .*did not fit the 2 s limit$/);
  });

  it('stops early when none of the first answers could be judged, and says so', async () => {
    let sent = 0;
    const r = await run({
      ...base, id: 'B-GIVE-UP',
      run: async (ctx) => {
        const problems = new Problems(ctx);
        const budget = new Budget(ctx, { tally: problems });
        for (let i = 0; i < 100; i++) {
          if (!budget.take()) continue;
          sent++;
          problems.unusable('unrouted 404');
        }
        return problems.finish(`done; ${budget.note('requests')}`);
      },
    });
    expect(sent).toBe(GIVE_UP_AFTER);
    expect(r.status).toBe('error');
    expect(r.message).toContain(`unrouted 404 ×${GIVE_UP_AFTER}`);
  });
});
