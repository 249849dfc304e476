import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeErrors, judgeP95 } from '../../src/load/judge';
import { importedResults } from '../../src/load/import';
import { figuresFromSummary, parseK6Summary } from '../../src/load/k6/summary';
import { mergeReports } from '../../src/load/merge';
import type { Thresholds } from '../../src/profile/target';
import { readReport } from '../../src/report/read';
import { cli, SECRET } from '../cli/helpers';

/**
 * k6 interchange: recorded summaries (hand-written from the documented formats) import into the
 * same statuses the engine's judgements give for the same numbers, in both summary formats;
 * exported scripts type-check against @types/k6; merging single-region runs gives PERF-1
 * evidence from all regions.
 */
const FIX = path.join(import.meta.dirname, 'fixtures');
const T: Thresholds = { p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' };
const summary = async (name: string) => parseK6Summary(JSON.parse(await readFile(path.join(FIX, name), 'utf8')));

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gxv-k6-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('k6 summaries', () => {
  it('reads both formats alike; the legacy threshold flag means "failed"', async () => {
    const modern = await summary('k6-europe-slow-handle-summary.json');
    const legacy = await summary('k6-europe-slow-summary-export.json');
    expect(modern.format).toBe('handleSummary');
    expect(legacy.format).toBe('summary-export');
    expect(modern.metrics.get('http_req_duration{region:europe}')?.thresholds['p(95)<500']).toBe(false);
    expect(legacy.metrics.get('http_req_duration{region:europe}')?.thresholds['p(95)<500']).toBe(false);
    const a = figuresFromSummary(modern, 'europe');
    const b = figuresFromSummary(legacy, 'europe');
    expect(a.latency.p95Ms).toBe(640.5);
    expect(b.latency.p95Ms).toBe(640.5);
    expect(a.errorRate).toBeCloseTo(0.004);
    expect(b.errorRate).toBeCloseTo(0.004);
    expect(a.users).toBe(100);
  });

  it('imported results have the statuses the engine judgements give for the same numbers', async () => {
    for (const [file, region, p95Status] of [
      ['k6-asia-handle-summary.json', 'asia', 'pass'], ['k6-north-america-summary-export.json', 'north-america', 'pass'],
      ['k6-europe-slow-handle-summary.json', 'europe', 'fail'], ['k6-europe-slow-summary-export.json', 'europe', 'fail'],
    ] as const) {
      const figures = figuresFromSummary(await summary(file), region);
      const imported = importedResults(figures, T, 100, file);
      const engine = { ...figures, source: 'engine' as const };
      const engineP95 = judgeP95(engine, T).findings.length > 0 ? 'fail' : 'pass';
      const engineErrors = judgeErrors(engine, T).findings.length > 0 ? 'fail' : 'pass';
      expect(imported.map((r) => [r.id, r.status])).toEqual([[`LOAD-P95-${region}`, engineP95], [`LOAD-ERRORS-${region}`, engineErrors]]);
      expect(engineP95, file).toBe(p95Status);
    }
  });

  it('import k6 → merge of three regions: PERF-1 from all regions; a slow region fails it', async () => {
    const runs: Record<string, string> = {};
    for (const [name, file] of [['asia', 'k6-asia-handle-summary.json'], ['na', 'k6-north-america-summary-export.json'], ['eu', 'k6-europe-slow-handle-summary.json']]) {
      runs[name] = path.join(dir, `run-${name}`);
      const r = await cli(['import', 'k6', path.join(FIX, file), '--out', runs[name]]);
      expect(r.code, r.stderr).toBe(0);
    }
    const asia = await readReport(runs.asia);
    expect(asia.criteria.find((c) => c.id === 'PERF-1')?.status).toBe('pass');
    // A good europe run: the slow one with its p95 rewritten to 250 ms.
    const good = JSON.parse(await readFile(path.join(FIX, 'k6-europe-slow-handle-summary.json'), 'utf8'));
    for (const key of ['http_req_duration', 'http_req_duration{region:europe}']) good.metrics[key].values['p(95)'] = 250;
    await writeFile(path.join(dir, 'eu-good.json'), JSON.stringify(good));
    expect((await cli(['import', 'k6', path.join(dir, 'eu-good.json'), '--out', path.join(dir, 'run-eu-good')])).code).toBe(0);

    const merged = mergeReports([asia, await readReport(runs.na), await readReport(path.join(dir, 'run-eu-good'))], ['asia', 'na', 'eu']);
    const perf1 = merged.criteria.find((c) => c.id === 'PERF-1')!;
    expect(merged.target.regions.sort()).toEqual(['asia', 'europe', 'north-america']);
    expect(perf1.status).toBe('pass');
    expect(perf1.reason).toContain('every region');
    expect(perf1.checks.sort()).toEqual(['LOAD-P95-asia', 'LOAD-P95-europe', 'LOAD-P95-north-america']);

    const out = path.join(dir, 'merged-slow');
    const r = await cli(['merge', runs.asia, runs.na, runs.eu, '--out', out]);
    expect(r.code).toBe(1);
    const slow = await readReport(out);
    expect(slow.criteria.find((c) => c.id === 'PERF-1')?.status).toBe('fail');
  }, 60_000);
});

describe('k6 export', () => {
  it('writes scripts per scenario that type-check against @types/k6, and a TestRun per region', async () => {
    const profile = path.join(dir, 'profile.yaml');
    await writeFile(profile, YAML.stringify({
      name: 'regional', allowWrites: true, allowLoad: { maxRequests: 100000, maxDurationS: 3600 },
      auth: { mode: 'mint', secret: { env: 'GXV_TEST_SECRET' } },
      regions: ['asia', 'europe'].map((name) => ({ name, baseUrl: `https://${name}.api.example.test` })),
      thresholds: { p95Ms: 400 },
    }));
    const out = path.join(dir, 'k6');
    const r = await cli(['export', 'k6', '--profile', profile, '--out', out], { GXV_TEST_SECRET: SECRET });
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['configmap.yaml', 'endpoints.js', 'load-100.js', 'stress-500.js', 'testrun-asia.yaml', 'testrun-europe.yaml']);
    const script = await readFile(path.join(out, 'load-100.js'), 'utf8');
    expect(script).toContain("['p(95)<400']");
    expect(script).toContain('http_req_duration{region:${REGION}}');

    const program = ts.createProgram(files.filter((f) => f.endsWith('.js')).map((f) => path.join(out, f)), {
      allowJs: true, checkJs: true, noEmit: true, strict: false, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['k6'], typeRoots: [path.resolve('node_modules/@types')], lib: ['lib.es2020.d.ts'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    const runs = YAML.parseAllDocuments(await readFile(path.join(out, 'testrun-asia.yaml'), 'utf8')).map((d) => d.toJS());
    expect(runs.map((x) => x.metadata.name)).toEqual(['gxv-load-100-asia', 'gxv-endpoints-asia', 'gxv-stress-500-asia']);
    expect(runs[0]).toMatchObject({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', spec: { parallelism: 1, script: { configMap: { name: 'gxv-k6-scripts', file: 'load-100.js' } } } });
    expect(runs[0].spec.arguments).toContain('--tag region=asia');
  }, 60_000);
});
