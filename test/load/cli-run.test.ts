import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, readJson } from '../cli/helpers';

/**
 * `gx-verify run --layers load --quick` on the built-in sandbox (the command a user tries first):
 * the load checks pass in every region with their numbers, the load criteria pass from every
 * region, the report is marked quick (not go/no-go grade), and report.md / report.html carry the
 * load summary and charts.
 */
/** GXV_LOAD_CLI_OUT keeps the run folder there (to read its figures); by default a temp dir, removed. */
const KEEP = process.env.GXV_LOAD_CLI_OUT;
let dir: string;
beforeAll(async () => { dir = KEEP ?? await mkdtemp(path.join(tmpdir(), 'gxv-load-cli-')); });
afterAll(async () => { if (!KEEP) await rm(dir, { recursive: true, force: true }); });

const REGIONS = ['local', 'asia', 'north-america', 'europe'];

describe('gx-verify run --layers load --quick', () => {
  it('passes in every region on the clean sandbox, with the figures in report.md and the charts in report.html', async () => {
    const out = path.join(dir, 'run');
    const r = await cli(['run', '--layers', 'load', '--quick', '--gate', 'nightly-load', '--out', out]);
    const report = await readJson(path.join(out, 'report.json')).catch(() => null);
    expect(report, r.stderr.slice(-3_000)).not.toBeNull();
    expect(report.quick).toBe(true);
    const byId = new Map<string, any>(report.checks.map((c: any) => [c.id, c]));
    const line = (id: string) => `${id}: ${byId.get(id)?.status}: ${byId.get(id)?.message}`;
    for (const region of REGIONS) {
      expect(line(`LOAD-P95-${region}`)).toMatch(/: pass: /);
      expect(line(`LOAD-ERRORS-${region}`)).toMatch(/: pass: /);
      expect(byId.get(`LOAD-P95-${region}`).measurements.grade).toMatch(/^quick/);
    }
    for (const id of ['STRESS-BREAKING-POINT', 'STRESS-DEGRADATION', 'LOAD-PROJECTOR-LAG', 'LOAD-DB-P95']) expect(line(id)).toMatch(/: pass: /);
    // Each route alone, in quick phases, on two cores shared with the sandbox: its p95 tells more
    // about the machine than about the target, so only that it judged every route is asserted here
    // (red with the slow-endpoint fault: endpoints-soak.test.ts).
    expect(line('LOAD-ENDPOINTS')).toMatch(/: (pass|fail): /);
    expect(byId.get('LOAD-ENDPOINTS').measurements.judged).toBeGreaterThanOrEqual(40);
    expect(byId.get('LOAD-DB-P95').measurements.method).toMatch(/pg_stat_statements/);
    expect(byId.get('STRESS-BREAKING-POINT').measurements.breakingPoint).toBeTruthy();
    expect(byId.get('LOAD-P95-asia').measurements.loadFrom).toMatch(/spread over 100 loopback client addresses/);
    expect(byId.get('LOAD-P95-local').measurements.loadFrom).toMatch(/directly/);
    const criteria = new Map<string, any>(report.criteria.map((c: any) => [c.id, c]));
    const endpointsPassed = byId.get('LOAD-ENDPOINTS').status === 'pass';
    for (const id of ['PERF-1', 'PT-LOAD-1', ...(endpointsPassed ? ['PT-LOAD-3'] : []), 'PT-STRESS-1', 'PT-STRESS-3']) expect(`${id} ${criteria.get(id)?.status}: ${criteria.get(id)?.reason}`).toMatch(/ pass: /);
    expect(criteria.get('PERF-1').reason).toMatch(/every region/);

    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain('### Load');
    for (const region of REGIONS) expect(md).toMatch(new RegExp(`\\| ${region} \\| pass \\| pass \\| 100 \\|`));
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    for (const region of REGIONS) expect(html).toContain(`load-100 through ${region}: p50/p95/p99 per second`);
    expect(html).toMatch(/Stress curve \(asia\)/);
  }, 900_000);
});
