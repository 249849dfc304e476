import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LatencySpec } from '../../sandbox/lifecycle/latency';
import { ExitError } from '../cli/exit-error';
import type { CheckDef } from '../checks/define';
import { joinChecks, loadCheckModule, loadChecks } from '../checks/registry';
import { BUILT_IN_GATES, resolveScope, type VerdictScope } from '../criteria/gates';
import { createRedactor } from '../evidence/redact';
import { LAYERS, type Layer } from '../evidence/types';
import { buildReport } from '../report/build';
import { writeReports } from '../report/index';
import type { Report } from '../report/types';
import { measureNetwork } from '../measure/network';
import type { Target } from '../profile/target';
import { preLaunchWaivers } from '../profile/waivers';
import { prepareFixtures } from './fixtures';
import { InterruptedBeforeTarget, isSandboxProfile, prepareTarget } from './prepare';
import { writeRunOutputs } from './outputs';
import { progressPrinter } from './progress';
import { both, RunLog } from './run-log';
import { notStarted, runChecks } from './runner';
import { selectChecks } from './selection';

export interface SessionOptions {
  profile?: string;
  /** Layers to run; absent: the gate's layers, else every layer. */
  layers?: Layer[];
  /** `--gate <name>`: the verdict scope (built-in merge / nightly-load / pre-launch, or the profile's). */
  gate?: string;
  /** `--criteria <globs>`: narrows the gate, or alone selects the criteria judged. */
  criteria?: string[];
  /** `--checks <globs>`: only these checks (and their prerequisites). */
  checks?: string[];
  /** `--rerun <run-dir>`: only the checks that failed, errored or were blocked there. */
  rerun?: string;
  /** `--check-modules`: user check modules run beside the layers. */
  checkModules?: string[];
  regions?: string[];
  out?: string;
  faults?: string[];
  /** Distance for the built-in sandbox (`run --latency`). */
  latency?: LatencySpec;
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
  const runLog = new RunLog();
  // A built-in gate's layers are known now; a profile's gate is read once the profile is, so all layers load.
  const builtIn = opts.gate ? BUILT_IN_GATES[opts.gate] : undefined;
  const layers = opts.layers ?? builtIn?.layers ?? defaultLayers(opts.profile, notes);
  // Checks load before the target so a broken layer fails before a sandbox starts.
  const { checks: early, missingLayers } = await loadChecks(layers, { extraModules: opts.checkModules }).catch((error: Error) => {
    throw new ExitError(2, error.message);
  });
  for (const layer of missingLayers) notes.push(`The ${layer} layer is not built in this checkout; its criteria have no evidence from it.`);

  let prepared;
  try {
    prepared = await prepareTarget({ profile: opts.profile, faults: opts.faults, latency: opts.latency, variant: opts.variant, signal: opts.signal, monitoring: layers.includes('e2e') });
  } catch (error) {
    if (!(error instanceof InterruptedBeforeTarget)) throw error;
    const report = buildReport({
      runId, startedAt, finishedAt: new Date(), complete: false, layers, notes,
      target: { profileName: opts.profile ?? 'sandbox', regions: [], secrets: [], waivers: [] },
      results: early.map((c) => notStarted(c, 'Not run: the run was interrupted before the target was ready.')),
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
    // The profile's own check modules join once the profile is read; then the selection applies to all.
    const loaded = await withProfileModules(early, target, layers);
    const selection = await selectChecks(loaded, { checks: opts.checks, rerun: opts.rerun }).catch((error: Error) => {
      throw new ExitError(2, error.message);
    });
    notes.push(...selection.notes);
    const scope = scopeOf(opts, target.gates, loaded);
    if (scope?.name === 'pre-launch') {
      const { kept, refused } = preLaunchWaivers(target.waivers);
      target.waivers = kept;
      for (const w of refused) notes.push(`The waiver of ${w.criterion} does not apply to the pre-launch gate: it has no expiry date (waivers[].expires).`);
    }
    const checks = scope && !opts.layers ? selection.checks.filter((c) => scope.layers.includes(c.layer)) : selection.checks;
    const runLayers = scope && !opts.layers ? scope.layers : layers;
    if (scope) runLog.note(`verdict scope: ${scope.name ? `gate ${scope.name}` : '--criteria'}: ${scope.criteria.join(', ')}`);

    // The target's distance, before any check: time budgets and keep-alive margins scale with it,
    // and the baseline keeps being sampled through the run (src/measure/baseline.ts).
    const network = opts.signal.aborted ? undefined : await measureNetwork(target);
    const fixtures = opts.signal.aborted ? null : await prepareFixtures(target, runId);
    if (fixtures?.problem) {
      notes.push(fixtures.problem);
      process.stderr.write(`gx-verify: ${createRedactor(target.secrets)(fixtures.problem)}\n`);
    }
    const unavailable = fixtures?.report?.items.filter((i) => i.status === 'failed' || i.status === 'not-provided') ?? [];
    if (unavailable.length > 0 && !fixtures?.problem) {
      // Only the checks that use these items are skipped; the report's fixtures table has the details.
      const line = `fixture items not available: ${unavailable.map((i) => `${i.item} (${i.detail})`).join('; ')}`;
      process.stderr.write(`gx-verify: ${createRedactor(target.secrets)(line)}\n`);
    }
    try {
      await mkdir(path.join(runDir, 'artifacts'), { recursive: true });
      const outcome = await runChecks(checks, {
        runId, target, fixtures: fixtures?.world ?? null, artifactsDir: path.join(runDir, 'artifacts'),
        signal: opts.signal, concurrency: opts.concurrency, quick: opts.quick, onEvent: both(progressPrinter(), runLog.listener), network: network?.measured,
      });
      const report = await writeRunOutputs({
        runDir, runLog, runId, startedAt, finishedAt: new Date(), complete: outcome.complete, target, layers: runLayers,
        results: outcome.results, extraWaivers: prepared.builtInWaivers, quick: opts.quick, notes, scope, fixtures: fixtures?.report,
      });
      return { report, runDir };
    } finally {
      await network?.stop();
      const problem = await fixtures?.cleanup();
      if (problem) process.stderr.write(`gx-verify: ${createRedactor(target.secrets)(problem)}\n`);
    }
  } finally {
    await stopTarget();
  }
}

async function withProfileModules(early: CheckDef[], target: Target, layers: readonly Layer[]): Promise<CheckDef[]> {
  if (!target.checkModules?.length) return early;
  try {
    const extra = await Promise.all(target.checkModules.map((file) => loadCheckModule(file, layers)));
    return joinChecks([early, ...extra]);
  } catch (error) {
    throw new ExitError(2, `the profile's checkModules: ${(error as Error).message}`);
  }
}

/**
 * Every layer, except that the built-in sandbox runs the load layer only when asked (`--layers
 * load`, `--gate nightly-load`): 500 users on the machine that also hosts the sandbox measure that
 * machine, and its load criteria are waived there anyway.
 */
function defaultLayers(profile: string | undefined, notes: string[]): Layer[] {
  if (!isSandboxProfile(profile)) return [...LAYERS];
  notes.push('The built-in sandbox runs the load layer only when asked (--layers load or --gate nightly-load).');
  return LAYERS.filter((l) => l !== 'load');
}

/** The verdict scope of `--gate` / `--criteria`; a bad name or an empty selection is exit 2. */
function scopeOf(opts: SessionOptions, profileGates: Target['gates'], loaded: readonly CheckDef[]): VerdictScope | null {
  try {
    return resolveScope({
      gate: opts.gate, criteria: opts.criteria, profileGates, layers: opts.layers,
      checksOf: (layers) => loaded.filter((c) => layers.includes(c.layer)),
    });
  } catch (error) {
    throw new ExitError(2, (error as Error).message);
  }
}
