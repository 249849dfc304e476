import path from 'node:path';
import { afterAll, describe, inject, test, type TestContext } from 'vitest';
import { loadChecks } from '../checks/registry';
import { SANDBOX_WAIVERS } from '../criteria/sandbox-waivers';
import { LAYERS, type CheckResult, type Layer } from '../evidence/types';
import { CRITERION_IDS } from '../criteria/registry';
import { loadProfile } from '../profile/load';
import { resolveTarget } from '../profile/resolve';
import { findingCounts, findingLine, fullListPointer, observedLine } from '../report/findings-text';
import { RunEngine } from '../run/engine';
import type { Execution } from '../run/executions';
import { writeRunOutputs } from '../run/outputs';
import { RunLog } from '../run/run-log';
import { phases } from '../run/runner';
import './provided';
import { guardedWorld } from '../run/fixtures';

/**
 * The checks of chosen layers as vitest tests (issue 17): `describe` per layer, `test` per check
 * id and region, the same runner underneath (one execution per test, prerequisites first), and
 * the same report files at the end. Call it at the top level of a test file of the `gx` project:
 *
 *   await gxChecks({ layers: ['integration', 'security'] });
 *
 * `npx vitest run --project gx -t INT-JWT` runs those checks against the built-in sandbox (or
 * GXV_PROFILE=p.yaml); the reports go to GXV_OUT or reports/<run-id>/.
 */
export interface GxChecksOptions {
  /** Default: GXV_LAYERS (comma-separated), else integration and security. */
  layers?: Layer[];
}

function layersOf(options: GxChecksOptions): Layer[] {
  if (options.layers) return options.layers;
  const env = process.env.GXV_LAYERS?.split(',').map((s) => s.trim()).filter(Boolean);
  const chosen = env?.length ? env : ['integration', 'security'];
  const unknown = chosen.filter((l) => !(LAYERS as readonly string[]).includes(l));
  if (unknown.length > 0) throw new Error(`GXV_LAYERS names unknown layer(s) ${unknown.join(', ')}; the layers are ${LAYERS.join(', ')}.`);
  return chosen as Layer[];
}

export async function gxChecks(options: GxChecksOptions = {}): Promise<void> {
  const gx = inject('gx');
  if (!gx) throw new Error('gxChecks() runs in the `gx` vitest project, whose global setup (gx-verify/vitest/global-setup) provides the target.');
  const layers = layersOf(options);
  const loaded = await loadProfile(gx.profileFile, { knownCriteria: CRITERION_IDS });
  if (!loaded.ok) throw new Error(`The profile ${gx.profileFile} has problems:\n${loaded.errors.join('\n')}`);
  const target = resolveTarget(loaded.profile);
  // The same modules the CLI would load: the layers plus the profile's own check modules.
  const { checks, missingLayers } = await loadChecks(layers, { extraModules: target.checkModules });
  // Fixture passwords are secrets like the profile's (the CLI adds them when it seeds).
  const world = gx.world ? guardedWorld(gx.world) : null;
  for (const user of Object.values(world?.users ?? {})) if (user.password) target.secrets.push(user.password);

  const runLog = new RunLog();
  const engine = new RunEngine(checks, {
    runId: gx.runId, target, fixtures: world, artifactsDir: path.join(gx.runDir, 'artifacts'), onEvent: runLog.listener,
  });
  const { shared, alone, after } = phases(engine.executions);
  const register = (list: Execution[], concurrent: boolean) => {
    for (const layer of layers) {
      const mine = list.filter((x) => x.def.layer === layer);
      if (mine.length === 0) continue;
      describe(layer, () => {
        for (const x of mine) test(x.id, { concurrent }, (ctx) => runAsTest(engine, x, ctx));
      });
    }
  };
  // As the CLI: shared checks side by side, then the exclusive ones alone, then the passive inspectors.
  register(shared, true);
  register(alone, false);
  register(after, false);

  afterAll(async () => {
    const { results } = engine.finishRan();
    const notes = [
      ...missingLayers.map((l) => `The ${l} layer is not built in this checkout; its criteria have no evidence from it.`),
      ...(gx.fixtureProblem ? [gx.fixtureProblem] : []),
      `Run through vitest: ${results.length} of ${engine.executions.length} check executions ran (test filters choose which).`,
    ];
    await writeRunOutputs({
      runDir: gx.runDir, runLog, runId: gx.runId, startedAt: new Date(gx.startedAt), finishedAt: new Date(),
      complete: true, target, layers, results, notes, fixtures: gx.fixturesReport, extraWaivers: gx.builtInSandbox ? [...SANDBOX_WAIVERS] : [],
    });
  });
}

/** One check execution as a test: prerequisites first, then the check; its outcome decides the test's. */
async function runAsTest(engine: RunEngine, x: Execution, ctx: TestContext): Promise<void> {
  for (const prerequisite of engine.prerequisitesOf(x)) await engine.run(prerequisite);
  await engine.run(x);
  const result = engine.outcomeNow(x)!;
  await annotate(ctx, result);
  switch (result.status) {
    case 'pass':
      return;
    case 'skipped':
      ctx.skip(result.message);
      return;
    case 'blocked':
      ctx.skip(`blocked by ${result.blockedBy?.join(', ')}: ${result.message.split('\n')[0]}`);
      return;
    default:
      throw new CheckOutcomeError(result);
  }
}

/** The check's evidence as test annotations, for reporters and IDEs. */
async function annotate(ctx: TestContext, r: CheckResult): Promise<void> {
  const measured = Object.entries(r.measurements).map(([k, v]) => `${k}=${v}`).join(', ');
  if (measured) await ctx.annotate(measured, 'measurements');
  const observed = observedLine(r);
  if (observed) await ctx.annotate(observed, 'observed');
  for (const e of r.evidence) {
    const body = [e.note, e.request && `> ${e.request}`, e.response && `< ${e.response}`, e.reproduce && `$ ${e.reproduce}`].filter(Boolean).join('\n');
    if (body) await ctx.annotate(body.split('\n')[0], 'evidence', { body, contentType: 'text/plain', bodyEncoding: 'utf-8' });
  }
}

/** A red check as a test failure: its message, then every finding. */
export class CheckOutcomeError extends Error {
  constructor(result: CheckResult) {
    const findings = result.findings ?? [];
    const lines = findings.length > 0
      ? [`${findings.length} finding(s), ${findingCounts(result)} (${fullListPointer(result)}):`, ...findings.map((f) => `- ${findingLine(f)}`)]
      : [];
    super([`${result.id} ${result.status}: ${result.message}`, ...lines].join('\n'));
    this.name = result.status === 'fail' ? 'CheckFailed' : 'CheckErrored';
  }
}
