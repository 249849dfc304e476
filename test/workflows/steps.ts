import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/**
 * Runs a workflow job's plain-shell steps here, as a runner would: each `run:` script in bash
 * with `set -e`, the job's env, `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY` files, and the
 * `${{ steps.<id>.outputs.<name> }}` / `${{ inputs.* }}` / `${{ env.* }}` expressions a step uses
 * filled in from what earlier steps wrote. `uses:` steps are reported as skipped (they are
 * GitHub's actions, not shell).
 */
export interface StepRun { name: string; skipped?: 'uses' | 'condition'; code?: number; stdout?: string; stderr?: string }

export interface WorkflowJob { env?: Record<string, string>; steps: Array<{ name?: string; id?: string; run?: string; uses?: string; if?: string; env?: Record<string, string> }> }

export function readWorkflow(file: string): { jobs: Record<string, WorkflowJob> } {
  return YAML.parse(readFileSync(file, 'utf8'));
}

export function runSteps(job: WorkflowJob, opts: { cwd: string; env?: Record<string, string>; inputs?: Record<string, string>; only?: (name: string) => boolean }): { runs: StepRun[]; summary: string } {
  const work = mkdtempSync(path.join(os.tmpdir(), 'gxv-steps-'));
  const summaryFile = path.join(work, 'summary.md');
  writeFileSync(summaryFile, '');
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  let failed = false;
  try {
    for (const step of job.steps) {
      const name = step.name ?? step.uses ?? 'step';
      if (opts.only && !opts.only(name)) continue;
      if (step.uses) { runs.push({ name, skipped: 'uses' }); continue; }
      const always = /always\(\)/.test(step.if ?? '');
      if (failed && !always) { runs.push({ name, skipped: 'condition' }); continue; }
      const env = { ...process.env, ...job.env, ...step.env, ...opts.env } as Record<string, string>;
      const fill = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
        const s = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
        if (s) return outputs[s[1]]?.[s[2]] ?? '';
        const i = /^inputs\.([\w-]+)$/.exec(expr);
        if (i) return opts.inputs?.[i[1]] ?? '';
        const e = /^env\.([\w-]+)$/.exec(expr);
        if (e) return env[e[1]] ?? '';
        // Secrets come from the runner's environment here; none are needed by the steps run locally.
        if (/^secrets\.[\w-]+$/.test(expr)) return '';
        throw new Error(`step "${name}" uses an expression this runner does not fill: ${expr}`);
      });
      for (const [k, v] of Object.entries(env)) env[k] = typeof v === 'string' ? fill(v) : v;
      const outputFile = path.join(work, `output-${runs.length}`);
      writeFileSync(outputFile, '');
      const res = spawnSync('bash', ['-e', '-c', fill(step.run!)], {
        cwd: opts.cwd, encoding: 'utf8', timeout: 600_000,
        env: { ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, CI: 'true' },
      });
      if (step.id) {
        outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      }
      runs.push({ name, code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr });
      if (res.status !== 0) failed = true;
    }
    return { runs, summary: readFileSync(summaryFile, 'utf8') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `git ls-files`-clean copy of this repository (what a runner checks out), for end-to-end runs. */
export function cleanClone(dest: string): void {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', path.resolve('.'), dest]);
}
