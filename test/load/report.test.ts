import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import { runScenario, type EngineResult } from '../../src/load/engine';
import type { StressFigures } from '../../src/load/evidence';
import { judgeBreakingPoint, judgeErrors, judgeP95 } from '../../src/load/judge';
import type { ScenarioPlan } from '../../src/load/plan';
import type { RegionTarget, Thresholds } from '../../src/profile/target';
import { buildReport } from '../../src/report/build';
import { renderMarkdown } from '../../src/report/md';
import { writeReports } from '../../src/report/index';
import { readReport } from '../../src/report/read';
import { figuresOf, stepOf } from '../../suites/load/sessions';
import { runArtifacts } from '../../suites/load/support';
import { cli } from '../cli/helpers';

/**
 * The load layer in the reports: report.md summarises per region, report.html draws percentiles
 * over time, latency histograms and the stress curve with its breaking point, from the artifacts
 * in the run folder — so `gx-verify report <dir> --format html` draws them again, and a merged
 * report (its runs' artifacts copied beside it) draws every region's.
 */
const T: Thresholds = { p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' };
let server: Server;
let port = 0;
let root: string;
let load: EngineResult;
let stress: EngineResult;

function plan(phases: ScenarioPlan['phases']): ScenarioPlan {
  return {
    name: 'report-test', model: 'closed', phases, budget: null, requestTimeoutMs: 5_000,
    pick: () => ({ endpoint: '#35', method: 'GET', origin: `http://127.0.0.1:${port}`, path: '/', headers: {}, expect: [200] }),
    sources: { mode: 'direct', addresses: [undefined], statement: 'sent to the services directly' },
  };
}

const region: () => RegionTarget = () => ({ name: 'asia', serviceUrl: () => `http://127.0.0.1:${port}`, edgeUrl: null, ca: null, connectTo: null });

/** A run folder with one region's load-100 and the stress, as the checks write them. */
async function runFolder(name: string, regionName: string): Promise<string> {
  const dir = path.join(root, name);
  const ctx = (id: string) => ({
    target: { thresholds: T },
    async artifact(file: string, content: string) {
      await mkdir(path.join(dir, 'artifacts', id), { recursive: true });
      await writeFile(path.join(dir, 'artifacts', id, file), content);
      return `artifacts/${id}/${file}`;
    },
  }) as unknown as CheckContext;
  const f = figuresOf({ result: load, sources: { mode: 'direct', addresses: [], statement: '' } }, regionName);
  const p95 = judgeP95(f, T);
  const results: CheckResult[] = [
    { id: `LOAD-P95-${regionName}`, layer: 'load', title: 'p95', criteria: ['PERF-1'], region: regionName, endpoint: null, status: 'pass', durationMs: 1, message: p95.message, measurements: p95.measurements, evidence: [], artifacts: await runArtifacts(ctx(`LOAD-P95-${regionName}`), load, 'load-100') },
    { id: `LOAD-ERRORS-${regionName}`, layer: 'load', title: 'errors', criteria: ['PT-LOAD-3'], region: regionName, endpoint: null, status: 'pass', durationMs: 1, message: 'ok', measurements: judgeErrors(f, T).measurements, evidence: [] },
  ];
  const figures: StressFigures = {
    region: regionName, steps: [stepOf(stress, 'step-5', 5), stepOf(stress, 'step-20', 20)], overload: null, recovery: [], recoveryBoundS: 30, sourceMode: 'direct', source: 'engine',
  };
  // Pretend the target broke at 20 users: the curve must mark it.
  figures.steps[1] = { ...figures.steps[1], latency: { ...figures.steps[1].latency, p95Ms: 700 } };
  const bp = judgeBreakingPoint(figures, T, 10);
  const stressCtx = ctx('STRESS-BREAKING-POINT');
  const artifacts = [...await runArtifacts(stressCtx, stress, 'stress'), await stressCtx.artifact('stress-curve.json', JSON.stringify(figures))];
  results.push({ id: 'STRESS-BREAKING-POINT', layer: 'load', title: 'stress', criteria: ['PT-STRESS-2'], region: null, endpoint: null, status: 'pass', durationMs: 1, message: bp.message, measurements: bp.measurements, evidence: [], artifacts });
  const report = buildReport({
    runId: name, startedAt: new Date(), finishedAt: new Date(), complete: true, layers: ['load'], results, quick: true,
    target: { profileName: 'report-test', regions: [{ ...region(), name: regionName }], secrets: [], waivers: [] },
  });
  await writeReports(report, dir, ['json', 'md', 'html']);
  return dir;
}

beforeAll(async () => {
  server = createServer((_req, res) => { setTimeout(() => res.end('{"ok":true}'), 2); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  root = await mkdtemp(path.join(tmpdir(), 'gxv-load-report-'));
  const never = new AbortController().signal;
  load = await runScenario(region(), plan([{ name: 'ramp', durationMs: 500, vus: 10, ramp: true, thinkTimeMs: 20 }, { name: 'hold', durationMs: 2_000, vus: 10, thinkTimeMs: 20 }]), never);
  stress = await runScenario(region(), plan([{ name: 'step-5', durationMs: 1_200, vus: 5, thinkTimeMs: 20 }, { name: 'step-20', durationMs: 1_200, vus: 20, thinkTimeMs: 20 }]), never);
}, 30_000);

afterAll(async () => {
  server?.close();
  await rm(root, { recursive: true, force: true });
});

const svgCount = (html: string) => (html.match(/<svg /g) ?? []).length;

describe('load charts and summary in the reports', () => {
  it('report.md: a row per region with its figures, the stress line, the phases\' grade', async () => {
    const dir = await runFolder('one', 'asia');
    const md = renderMarkdown(await readReport(dir));
    expect(md).toContain('### Load');
    expect(md).toMatch(/\| asia \| pass \| pass \| 10 \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
    expect(md).toMatch(/- Stress \(asia\): pass; breaking point 20 users \(p95 700 ms ≥ 500 ms\)/);
  });

  it('report.html: percentiles over time, histograms and the stress curve with its breaking point; re-rendered from the folder alone', async () => {
    const dir = await runFolder('two', 'asia');
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Load</h2>');
    expect(html).toContain('load-100 through asia: p50/p95/p99 per second');
    expect(html).toContain('load-100 through asia: latency histogram of the judged phase');
    expect(html).toMatch(/Stress curve \(asia\)/);
    expect(html).toContain('breaking point: 20 users');
    expect(html).toMatch(/<rect [^>]*fill="#1565c0"><title>≤ \d+ ms: \d+<\/title>/);
    const charts = svgCount(html);
    expect(charts).toBeGreaterThanOrEqual(5);

    await rm(path.join(dir, 'report.html'));
    const r = await cli(['report', dir, '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    const again = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(svgCount(again)).toBe(charts);
    expect(again).toContain('breaking point: 20 users');
  });

  it('a missing artifact is said, not hidden', async () => {
    const dir = await runFolder('three', 'asia');
    await rm(path.join(dir, 'artifacts', 'LOAD-P95-asia', 'load-100-series.json'));
    expect((await cli(['report', dir, '--format', 'html'])).code).toBe(0);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toMatch(/Charts not drawn: 1 load artifact\(s\) .*artifacts\/LOAD-P95-asia\/load-100-series.json/);
  });

  it('merge: each run\'s artifacts beside the merged report, every region\'s charts drawn', async () => {
    const a = await runFolder('run-asia', 'asia');
    const b = await runFolder('run-europe', 'europe');
    const out = path.join(root, 'merged');
    await cli(['merge', a, b, '--out', out]);
    const merged = await readReport(out);
    const p95 = merged.checks.find((c) => c.id === 'LOAD-P95-europe')!;
    expect(p95.artifacts?.[0]).toMatch(/^runs\/run-europe\/artifacts\/LOAD-P95-europe\//);
    expect((await stat(path.join(out, p95.artifacts![0]))).isFile()).toBe(true);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('load-100 through asia');
    expect(html).toContain('load-100 through europe');
    expect(html).not.toContain('Charts not drawn');
  });
});
