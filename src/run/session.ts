import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitError } from '../cli/exit-error';
import { loadChecks } from '../checks/registry';
import { createRedactor } from '../evidence/redact';
import type { Layer } from '../evidence/types';
import { buildReport } from '../report/build';
import { writeReports } from '../report/index';
import type { Report } from '../report/types';
import { prepareFixtures } from './fixtures';
import { InterruptedBeforeTarget, prepareTarget } from './prepare';
import { progressPrinter } from './progress';
import { notStarted, runChecks } from './runner';

export interface SessionOptions {
  profile?: string;
  layers: Layer[];
  regions?: string[];
  out?: string;
  faults?: string[];
  /** Sandbox variant (sandbox only). */
  variant?: string;
  quick: boolean;
  concurrency?: number;
  signal: AbortSignal;
}

/** `20250101-120000-a1b2c3`: sortable, unique enough for parallel runs, valid in a fixture namespace. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * One run: target → fixtures → checks → criteria → verdict → reports. The reports are written
 * before anything is torn down, so an interrupted run still leaves its partial report promptly.
 */
export async function runSession(opts: SessionOptions): Promise<{ report: Report; runDir: string }> {
  const runId = newRunId();
  const runDir = path.resolve(opts.out ?? path.join('reports', runId));
  const startedAt = new Date();
  const notes: string[] = [];
  // Checks load before the target so a broken layer fails before a sandbox starts.
  const { checks, missingLayers } = await loadChecks(opts.layers);
  for (const layer of missingLayers) notes.push(`The ${layer} layer is not built in this checkout; its criteria have no evidence from it.`);

  let prepared;
  try {
    prepared = await prepareTarget({ profile: opts.profile, faults: opts.faults, variant: opts.variant, signal: opts.signal });
  } catch (error) {
    if (!(error instanceof InterruptedBeforeTarget)) throw error;
    const report = buildReport({
      runId, startedAt, finishedAt: new Date(), complete: false, layers: opts.layers, notes,
      target: { profileName: opts.profile ?? 'sandbox', regions: [], secrets: [], waivers: [] },
      results: checks.map((c) => notStarted(c, 'Not run: the run was interrupted before the target was ready.')),
    });
    await writeReports(report, runDir);
    await error.cleanup;
    return { report, runDir };
  }
  const stopTarget = async () => {
    await prepared.stop().catch((e) => process.stderr.write(`gx-verify: stopping the sandbox failed: ${(e as Error).message}\n`));
  };
  try {
    const target = prepared.target;
    for (const w of prepared.warnings) process.stderr.write(`gx-verify: profile warning: ${w}\n`);
    if (opts.regions && opts.regions.length > 0) {
      const known = target.regions.map((r) => r.name);
      const unknown = opts.regions.filter((r) => !known.includes(r));
      if (unknown.length > 0) throw new ExitError(2, `Unknown region(s) ${unknown.join(', ')} in --regions; the profile names ${known.join(', ')}.`);
      target.regions = target.regions.filter((r) => opts.regions!.includes(r.name));
    }

    const fixtures = opts.signal.aborted ? null : await prepareFixtures(target, runId);
    if (fixtures?.problem) {
      notes.push(fixtures.problem);
      process.stderr.write(`gx-verify: ${createRedactor(target.secrets)(fixtures.problem)}\n`);
    }
    try {
      await mkdir(path.join(runDir, 'artifacts'), { recursive: true });
      const outcome = await runChecks(checks, {
        runId, target, fixtures: fixtures?.world ?? null, artifactsDir: path.join(runDir, 'artifacts'),
        signal: opts.signal, concurrency: opts.concurrency, quick: opts.quick, onEvent: progressPrinter(),
      });
      const report = buildReport({
        runId, startedAt, finishedAt: new Date(), complete: outcome.complete, target, layers: opts.layers,
        results: outcome.results, extraWaivers: prepared.builtInWaivers, quick: opts.quick, notes, fixtures: fixtures?.report,
      });
      if (outcome.logs.length > 0) await writeFile(path.join(runDir, 'artifacts', 'run.log'), `${outcome.logs.join('\n')}\n`);
      await writeReports(report, runDir);
      return { report, runDir };
    } finally {
      const problem = await fixtures?.cleanup();
      if (problem) process.stderr.write(`gx-verify: ${createRedactor(target.secrets)(problem)}\n`);
    }
  } finally {
    await stopTarget();
  }
}
