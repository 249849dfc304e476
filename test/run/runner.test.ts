import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckFailure, defineCheck, pass, skip, type CheckDef } from '../../src/checks/define';
import { exchangeEvidence } from '../../src/evidence/excerpt';
import { runChecks } from '../../src/run/runner';
import type { ProgressEvent } from '../../src/run/events';
import { deadPort, region, TEST_SECRET, testTarget } from './fixture-target';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gxv-runner-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const base = { layer: 'integration' as const, criteria: ['IT-API-4'] };
const opts = (extra = {}) => ({ runId: 'r1', target: testTarget(), fixtures: null, artifactsDir: dir, ...extra });

describe('runner', () => {
  it('skips a check whose needs the profile does not meet, naming the profile field', async () => {
    let ran = false;
    const check = defineCheck({ ...base, id: 'NEEDS-DB', title: 't', needs: ['database', 'writes'], run: async () => { ran = true; return pass(); } });
    const { results } = await runChecks([check], opts());
    expect(ran).toBe(false);
    expect(results[0].status).toBe('skipped');
    expect(results[0].message).toContain('no `database` section');
    expect(results[0].message).toContain('`allowWrites: false`');
  });

  it('turns a CheckFailure into fail with expected/received in message and evidence', async () => {
    const check = defineCheck({
      ...base, id: 'FAILS', title: 't',
      run: async () => {
        throw new CheckFailure({
          message: 'Expired token accepted', expected: '401', received: '200',
          evidence: [exchangeEvidence({ method: 'GET', url: 'http://127.0.0.1:1/x', requestHeaders: { authorization: `Bearer ${TEST_SECRET}` }, status: 200 })],
        });
      },
    });
    const { results } = await runChecks([check], opts());
    const r = results[0];
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Expired token accepted\nexpected: 401\nreceived: 200');
    expect(r.evidence[0].note).toBe('expected: 401\nreceived: 200');
    expect(r.evidence[1].request).toContain('GET http://127.0.0.1:1/x');
    expect(JSON.stringify(r)).not.toContain(TEST_SECRET);
  });

  it('turns any other throw into error with the cause (a dead target reads as ECONNREFUSED)', async () => {
    const port = await deadPort();
    const check = defineCheck({ ...base, id: 'DEAD', title: 't', run: async () => { await fetch(`http://127.0.0.1:${port}/health`); return pass(); } });
    const { results } = await runChecks([check], opts());
    expect(results[0].status).toBe('error');
    expect(results[0].message).toContain(`fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`);
  });

  it('turns a check that outlives its timeout into error', async () => {
    const check = defineCheck({ ...base, id: 'SLOW', title: 't', run: () => new Promise(() => {}) });
    const started = Date.now();
    const { results } = await runChecks([check], opts({ timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(results[0]).toMatchObject({ status: 'error', message: 'Timed out after 0.15 s (per-check timeout).' });
  });

  it('runs per-region checks once per region with suffixed ids, others once', async () => {
    const seen: string[] = [];
    const checks: CheckDef[] = [
      defineCheck({ ...base, id: 'EACH', title: 't', perRegion: true, run: async (ctx) => { seen.push(ctx.region.name); return pass(); } }),
      defineCheck({ ...base, id: 'ONCE', title: 't', run: async () => skip('nothing to do here') }),
    ];
    const { results, complete } = await runChecks(checks, opts());
    expect(complete).toBe(true);
    expect(results.map((r) => [r.id, r.region, r.status])).toEqual([
      ['EACH-asia', 'asia', 'pass'], ['EACH-europe', 'europe', 'pass'], ['ONCE', null, 'skipped'],
    ]);
    expect(seen.sort()).toEqual(['asia', 'europe']);
  });

  it('runs per-region edge checks on the edge regions only, or once (skipped) when there are none', async () => {
    const edgeCheck = defineCheck({ ...base, id: 'EDGE', title: 't', perRegion: true, needs: ['edge'], run: async () => pass() });
    const mixed = testTarget({ regions: [region('local'), region('asia', 'http://127.0.0.1:9', 'https://127.0.0.1:9')] });
    const onMixed = await runChecks([edgeCheck], { ...opts(), target: mixed });
    expect(onMixed.results.map((r) => [r.id, r.status])).toEqual([['EDGE-asia', 'pass']]);

    const noEdges = await runChecks([edgeCheck], opts());
    expect(noEdges.results.map((r) => [r.id, r.status])).toEqual([['EDGE-asia', 'skipped']]);
    expect(noEdges.results[0].message).toContain('Needs an edge');
  });

  it('keeps at most `concurrency` checks running', async () => {
    let running = 0;
    let peak = 0;
    const checks = Array.from({ length: 8 }, (_, i) => defineCheck({
      ...base, id: `C${i}`, title: 't',
      run: async () => { running++; peak = Math.max(peak, running); await new Promise((r) => setTimeout(r, 20)); running--; return pass(); },
    }));
    await runChecks(checks, opts({ concurrency: 3 }));
    expect(peak).toBe(3);
  });

  it('on abort returns promptly: running checks error, the rest are not run, complete is false', async () => {
    const controller = new AbortController();
    const checks = Array.from({ length: 6 }, (_, i) => defineCheck({
      ...base, id: `H${i}`, title: 't',
      run: () => { if (i === 0) setTimeout(() => controller.abort(), 50); return new Promise(() => {}); },
    }));
    const events: ProgressEvent[] = [];
    const started = Date.now();
    const { results, complete } = await runChecks(checks, opts({ concurrency: 2, signal: controller.signal, onEvent: (e: ProgressEvent) => events.push(e) }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(complete).toBe(false);
    expect(results.slice(0, 2).map((r) => r.status)).toEqual(['error', 'error']);
    expect(results[0].message).toContain('Interrupted');
    expect(results.slice(2).every((r) => r.status === 'skipped' && r.message.startsWith('Not run'))).toBe(true);
    expect(events.some((e) => e.type === 'aborted')).toBe(true);
  });

  it('writes artifacts and logs redacted, and lists the artifact on the result', async () => {
    const logs: string[] = [];
    const check = defineCheck({
      ...base, id: 'ART', title: 't',
      run: async (ctx) => {
        ctx.log(`using secret ${TEST_SECRET}`);
        await ctx.artifact('../../escape/hist.txt', `p95 120 ${TEST_SECRET}`);
        return pass({ measurements: { p95Ms: 120 } });
      },
    });
    const { results, logs: runLogs } = await runChecks([check], opts({ onEvent: (e: ProgressEvent) => { if (e.type === 'log') logs.push(e.message); } }));
    expect(results[0].artifacts).toEqual(['artifacts/ART/escape/hist.txt']);
    const content = await readFile(path.join(dir, 'ART/escape/hist.txt'), 'utf8');
    expect(content).toBe('p95 120 [REDACTED]');
    expect(logs).toEqual(['ART: using secret [REDACTED]']);
    expect(runLogs).toEqual(logs);
  });

  it('passes quick mode to checks through the context', async () => {
    let quick: boolean | undefined;
    const check = defineCheck({ ...base, id: 'Q', title: 't', run: async (ctx) => { quick = ctx.quick; return pass(); } });
    await runChecks([check], opts({ quick: true }));
    expect(quick).toBe(true);
  });
});

describe('runner: exclusive checks', () => {
  it('runs an exclusive check alone, after every other check', async () => {
    let running = 0;
    const order: string[] = [];
    const overlap: string[] = [];
    const make = (id: string, exclusive: boolean) => ({
      ...defineCheck({
        ...base, id, title: 't',
        run: async () => {
          running++;
          if (exclusive && running > 1) overlap.push(id);
          await new Promise((r) => setTimeout(r, 15));
          if (!exclusive && running > 1 && order.includes('CUT')) overlap.push(id);
          order.push(id);
          running--;
          return pass();
        },
      }),
      exclusive,
    });
    const checks = [make('A', false), make('CUT', true), make('B', false), make('C', false), make('D', false)];
    const { results } = await runChecks(checks, opts({ concurrency: 4 }));
    expect(results.map((r) => r.id)).toEqual(['A', 'CUT', 'B', 'C', 'D']);
    expect(order[order.length - 1]).toBe('CUT');
    expect(overlap).toEqual([]);
  });
});
