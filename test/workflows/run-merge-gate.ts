/**
 * Not a test: runs merge-gate.yml's job the way a runner would, here, in a clean clone of this
 * repository (committed files only): every plain-shell step in order (set-up with scripts/setup.sh,
 * the gate itself, the step summary, the NO-GO check), printing each step's exit code and time.
 *   npx tsx test/workflows/run-merge-gate.ts [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanClone, readWorkflow, runSteps } from './steps';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-merge-gate-clone-'));
const clone = path.join(dir, 'gx-verify');
try {
  cleanClone(clone);
  const job = readWorkflow(path.join(clone, '.github/workflows/merge-gate.yml')).jobs.gate;
  const started = Date.now();
  // The container's apt bootstrap is the runner's business; this machine already has the tools.
  const timed = job.steps.map((s) => ({ ...s, run: s.run && `__t0=$(date +%s%N); ${s.run}\necho "__step_ms=$(( ($(date +%s%N) - __t0) / 1000000 ))"` }));
  const { runs, summary } = runSteps({ ...job, steps: timed }, { cwd: clone, only: (name) => !/^Tools the checkout needs/.test(name) });
  for (const r of runs) {
    const ms = /__step_ms=(\d+)/.exec(r.stdout ?? '')?.[1];
    console.log(`${r.skipped ? `skipped (${r.skipped})` : `exit ${r.code}`}\t${ms ? `${(Number(ms) / 1000).toFixed(1)} s` : ''}\t${r.name}`);
    if (r.code) console.log((r.stdout ?? '').split('\n').slice(-8).join('\n'), (r.stderr ?? '').split('\n').slice(-8).join('\n'));
  }
  console.log(`job wall time ${((Date.now() - started) / 1000).toFixed(1)} s; step summary ${summary.length} bytes, first line: ${summary.split('\n')[0]}`);
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
