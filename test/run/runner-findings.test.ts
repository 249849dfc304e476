import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckFailure, defineCheck, pass, type CheckDef } from '../../src/checks/define';
import { runChecks } from '../../src/run/runner';
import { region, testTarget } from './fixture-target';

/** The runner keeps every finding, refuses passes that exercised nothing, and reports one root cause. */
let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gxv-findings-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const base = { layer: 'integration' as const, criteria: ['IT-API-4'] };
const opts = (extra = {}) => ({ runId: 'r1', target: testTarget(), fixtures: null, artifactsDir: dir, ...extra });
const finding = (i: number, endpoint = `#${(i % 3) + 1}`) => ({
  rule: i % 2 === 0 ? 'ERR-5' : 'ERR-3', text: `problem ${i}`, endpoint,
  evidence: [{ request: `GET /x/${i}`, response: 'HTTP 500' }],
});

describe('runner: findings', () => {
  it('keeps every finding of a failing check in the result and in artifacts/<id>.jsonl', async () => {
    const check = defineCheck({
      ...base, id: 'MANY', title: 't',
      run: async (ctx) => {
        for (let i = 0; i < 70; i++) ctx.findings.add(finding(i));
        return pass();
      },
    });
    const [r] = (await runChecks([check], opts())).results;
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(70);
    expect(r.message).toContain('70 finding(s)');
    expect(r.message).not.toMatch(/and \d+ more/);
    // Evidence kept in report.json for the first finding of each (endpoint, rule) only: 3 endpoints x 2 rules.
    expect(r.findings!.filter((f) => f.evidence).length).toBe(6);
    expect(r.findingsFile).toBe('artifacts/MANY.jsonl');
    const lines = (await readFile(path.join(dir, 'MANY.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(70);
    expect(lines.every((l) => l.evidence?.length === 1)).toBe(true);
  });

  it('a check stopped at its time limit fails with what it found, marked incomplete', async () => {
    const check = defineCheck({
      ...base, id: 'SLOW-FINDER', title: 't', timeoutMs: 150,
      run: async (ctx) => {
        for (let i = 0; i < 5; i++) ctx.findings.add(finding(i));
        return new Promise(() => {});
      },
    });
    const [r] = (await runChecks([check], opts())).results;
    expect(r).toMatchObject({ status: 'fail', incomplete: true });
    expect(r.findings).toHaveLength(5);
    expect(r.message).toContain('Incomplete: Timed out after 0.15 s');
  });

  it('a check stopped at its time limit with nothing found is an error, marked incomplete', async () => {
    const check = defineCheck({ ...base, id: 'SLOW-EMPTY', title: 't', timeoutMs: 100, run: () => new Promise(() => {}) });
    const [r] = (await runChecks([check], opts())).results;
    expect(r).toMatchObject({ status: 'error', incomplete: true });
  });

  it('a CheckFailure keeps the findings recorded before it and its own', async () => {
    const check = defineCheck({
      ...base, id: 'THROWS', title: 't',
      run: async (ctx) => {
        ctx.findings.add(finding(1));
        throw new CheckFailure({ message: 'broken', findings: [finding(2)] });
      },
    });
    const [r] = (await runChecks([check], opts())).results;
    expect(r.status).toBe('fail');
    expect(r.findings?.map((f) => f.text)).toEqual(['problem 1', 'problem 2']);
  });

  it('advisory findings are reported beside a pass and never turn it red', async () => {
    const check = defineCheck({
      ...base, id: 'SHOULD', title: 't',
      run: async (ctx) => {
        ctx.findings.add({ ...finding(1), advisory: true });
        return pass({ message: 'fine' });
      },
    });
    const [r] = (await runChecks([check], opts())).results;
    expect(r.status).toBe('pass');
    expect(r.findings).toHaveLength(1);
  });
});

describe('runner: exercised or not', () => {
  it('a pass that judged nothing while seeing unusable answers is an error naming what came back', async () => {
    const check = defineCheck({
      ...base, id: 'VACUOUS', title: 't',
      run: async (ctx) => {
        ctx.observe.unusable('edge 404', 18);
        return pass({ message: 'no secrets in 18 responses' });
      },
    });
    const [r] = (await runChecks([check], opts())).results;
    expect(r.status).toBe('error');
    expect(r.message).toBe('could not exercise: 0 of 18 exchange(s) could be judged (needs 1); came back instead: edge 404 ×18.');
    expect(r.observed).toEqual({ judged: 0, unusable: 18, unusableKinds: { 'edge 404': 18 } });
  });

  it('minJudged raises the bar; enough judged exchanges pass and are counted', async () => {
    const make = (judged: number): CheckDef => defineCheck({
      ...base, id: `J${judged}`, title: 't', minJudged: 3,
      run: async (ctx) => { ctx.observe.judged(judged); ctx.observe.unusable('timeout'); return pass(); },
    });
    const { results } = await runChecks([make(2), make(3)], opts());
    expect(results.map((r) => r.status)).toEqual(['error', 'pass']);
    expect(results[1].observed).toEqual({ judged: 3, unusable: 1, unusableKinds: { timeout: 1 } });
  });
});

describe('runner: blocked by a prerequisite', () => {
  const twoRegions = testTarget({ regions: [region('asia', 'http://127.0.0.1:9', 'https://127.0.0.1:9'), region('europe', 'http://127.0.0.1:9', 'https://127.0.0.1:9')] });

  it('a dependant that fails after its prerequisite failed on the same region is blocked by it', async () => {
    const routing = defineCheck({
      ...base, id: 'ROUTING', title: 't', perRegion: true,
      run: async (ctx) => { if (ctx.region.name === 'asia') throw new CheckFailure({ message: 'prefix not stripped' }); return pass(); },
    });
    const dependant = defineCheck({
      ...base, id: 'LEAKS', title: 't', perRegion: true, dependsOn: ['ROUTING'],
      run: async () => { throw new CheckFailure({ message: 'example answered 404' }); },
    });
    const onceDependant = defineCheck({
      ...base, id: 'ONCE', title: 't', dependsOn: ['ROUTING'], run: async () => pass(),
    });
    const { results } = await runChecks([routing, dependant, onceDependant], opts({ target: twoRegions }));
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('ROUTING-asia')?.status).toBe('fail');
    expect(byId.get('LEAKS-asia')).toMatchObject({ status: 'blocked', blockedBy: ['ROUTING-asia'] });
    expect(byId.get('LEAKS-asia')?.message).toMatch(/^Blocked by ROUTING-asia: prefix not stripped/);
    // On europe the prerequisite passed: the dependant's failure is its own.
    expect(byId.get('LEAKS-europe')?.status).toBe('fail');
    // A dependant that passed keeps its pass: it exercised its rule.
    expect(byId.get('ONCE')?.status).toBe('pass');
  });

  it('follows a chain to its root cause', async () => {
    const a = defineCheck({ ...base, id: 'A', title: 't', run: async () => { throw new CheckFailure({ message: 'root' }); } });
    const b = defineCheck({ ...base, id: 'B', title: 't', dependsOn: ['A'], run: async () => { throw new Error('boom'); } });
    const c = defineCheck({ ...base, id: 'C', title: 't', dependsOn: ['B'], run: async () => { throw new CheckFailure({ message: 'c' }); } });
    const { results } = await runChecks([a, b, c], opts());
    expect(results.map((r) => [r.id, r.status, r.blockedBy ?? null])).toEqual([
      ['A', 'fail', null], ['B', 'blocked', ['A']], ['C', 'blocked', ['A']],
    ]);
  });
});

describe('runner: the exchange log and the after phase', () => {
  it('records every exchange under the check that made it; `after` checks run last and see them all', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => { res.writeHead(req.url === '/boom' ? 500 : 200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const { send } = await import('../../src/clients/http');
    try {
      const order: string[] = [];
      const sender = (id: string, path: string) => defineCheck({
        ...base, id, title: 't',
        run: async () => {
          await send({ method: 'GET', baseUrl: `http://127.0.0.1:${port}`, path, endpoint: '#3' });
          order.push(id);
          return pass();
        },
      });
      let seen: Array<[string, string, number, string | null]> = [];
      const inspector = defineCheck({
        ...base, id: 'PASSIVE', title: 't', phase: 'after',
        run: async (ctx) => {
          order.push('PASSIVE');
          seen = ctx.exchanges().map((e) => [e.checkId, new URL(e.url).pathname, e.status, e.endpoint]);
          return pass();
        },
      });
      const { results } = await runChecks([inspector, sender('S1', '/a'), sender('S2', '/boom')], opts());
      expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
      expect(order[order.length - 1]).toBe('PASSIVE');
      expect(seen.sort()).toEqual([['S1', '/a', 200, '#3'], ['S2', '/boom', 500, '#3']]);
    } finally {
      server.close();
    }
  });
});

describe('runner: blame by rule', () => {
  it('a red check counts against the criteria of the rules its findings broke', async () => {
    const jwt = defineCheck({
      layer: 'integration', id: 'JWT', title: 't', criteria: ['IT-API-2', 'SEC-2'],
      run: async (ctx) => { ctx.findings.add({ rule: 'ERR-5', text: '#3 answered 500 to an expired token', endpoint: '#3' }); return pass(); },
    });
    const own = defineCheck({
      layer: 'integration', id: 'OWN', title: 't', criteria: ['IT-API-2', 'SEC-2', 'ST-OWASP'],
      run: async (ctx) => { ctx.findings.add({ rule: 'AUTH-2', text: 'expired token accepted' }); return pass(); },
    });
    const unknown = defineCheck({
      layer: 'integration', id: 'UNKNOWN', title: 't', criteria: ['IT-API-3'],
      run: async (ctx) => { ctx.findings.add({ rule: null, text: 'something' }); return pass(); },
    });
    const { results } = await runChecks([jwt, own, unknown], opts());
    expect(results[0].countsAgainst).toEqual(['IT-API-4']);
    // Blamed on exactly its own criteria: no separate list.
    expect(results[1].countsAgainst).toBeUndefined();
    expect(results[2].countsAgainst).toBeUndefined();
  });
});
