import type { CheckContext } from '../../src/checks/define';
import { runScenario, type EngineResult } from '../../src/load/engine';
import type { LoadFigures, StepFigures } from '../../src/load/evidence';
import { errorsOf, totalOf } from '../../src/load/outcome';
import type { SourcePlan } from '../../src/load/sources';
import type { Target } from '../../src/profile/target';
import { UnderLoadSampler, type UnderLoad } from './samplers';
import { load100Plan } from './scenarios';
import { loadSettings, scenarioRegion, type EffectiveLoad } from './settings';

/**
 * One load run serves several checks (LOAD-P95, LOAD-ERRORS, the under-load PERF-2/3 checks):
 * runs are memoized per target and key, so the first check that needs a run starts it and the
 * others read its result.
 */
export interface LoadRun {
  result: EngineResult;
  sources: SourcePlan;
  settings: EffectiveLoad;
  reads: string[];
  writes: string[];
  underLoad: UnderLoad | null;
}

const runs = new WeakMap<Target, Map<string, Promise<unknown>>>();

export function memo<T>(target: Target, key: string, start: () => Promise<T>): Promise<T> {
  let map = runs.get(target);
  if (!map) runs.set(target, (map = new Map()));
  let run = map.get(key) as Promise<T> | undefined;
  if (!run) {
    run = start();
    map.set(key, run);
    // A run stopped by one check's time limit may be retried by the next check.
    run.catch(() => map!.delete(key));
  }
  return run;
}

/** load-100 through the check's region; in the measurement region the under-load samplers ride along. */
export function load100Run(ctx: CheckContext): Promise<LoadRun> {
  return memo(ctx.target, `load-100 ${ctx.region.name}`, async () => {
    const settings = loadSettings(ctx);
    const { plan, reads, writes } = await load100Plan(ctx, settings);
    const sampler = ctx.region.name === measurementRegion(ctx.target).name ? new UnderLoadSampler(ctx) : null;
    await sampler?.start();
    if (sampler) plan.onSecond = () => sampler.second();
    const result = await runScenario(ctx.region, plan, ctx.signal);
    const underLoad = sampler ? await sampler.stop() : null;
    return { result, sources: plan.sources, settings, reads, writes, underLoad };
  });
}

/** Where PERF-2/PERF-3 are sampled under load: the first edge region (as users reach the API). */
export function measurementRegion(target: Target) {
  return scenarioRegion(target, undefined);
}

const isJudged = (p: string) => p === 'hold';

/** The judged phase (hold) of a load run as LoadFigures. */
export function figuresOf(run: LoadRun, region: string, scenario = 'load-100'): LoadFigures {
  const { tally } = run.result;
  const all = tally.aggregate({ phase: isJudged });
  const durationS = tally.series.filter((p) => isJudged(p.phase)).length || 1;
  const requests = totalOf(all.counts);
  const errors = errorsOf(all.counts);
  return {
    scenario, region, users: Math.max(0, ...tally.series.filter((p) => isJudged(p.phase)).map((p) => p.vus)),
    durationS, latency: all.lat.summary(), requests, errors, errorRate: requests ? errors / requests : 0,
    throughputPerS: requests / durationS, counts: all.counts,
    perEndpoint: tally.endpoints().map((endpoint) => {
      const e = tally.aggregate({ phase: isJudged, endpoint });
      const n = totalOf(e.counts);
      const bad = errorsOf(e.counts);
      return { endpoint, latency: e.lat.summary(), requests: n, errors: bad, errorRate: n ? bad / n : 0 };
    }).sort((a, b) => b.latency.p95Ms - a.latency.p95Ms),
    sourceMode: run.sources.mode, runnerDelayP99Ms: tally.runnerDelayMs(isJudged), source: 'engine',
  };
}

/** A phase of any run as StepFigures. */
export function stepOf(result: EngineResult, phase: string, users: number): StepFigures {
  const { tally } = result;
  const a = tally.aggregate({ phase });
  const seconds = tally.series.filter((p) => p.phase === phase).length || 1;
  const requests = totalOf(a.counts);
  const errors = errorsOf(a.counts);
  return { name: phase, users, latency: a.lat.summary(), requests, errors, errorRate: requests ? errors / requests : 0, throughputPerS: requests / seconds, counts: a.counts };
}
