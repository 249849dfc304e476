import type { CheckContext } from '../../src/checks/define';
import { runScenario, type EngineResult } from '../../src/load/engine';
import type { LoadFigures, StepFigures } from '../../src/load/evidence';
import { errorsOf, totalOf } from '../../src/load/outcome';
import { runnerLoadOf, type RunnerLoad } from '../../src/load/saturation';
import { planSources, type SourcePlan } from '../../src/load/sources';
import type { Target } from '../../src/profile/target';
import { remeasured, type Attempts } from './remeasure';
import { UnderLoadSampler, type UnderLoad } from './samplers';
import { load100Plan } from './scenarios';
import { loadSettings, scenarioRegion, type EffectiveLoad } from './settings';
import { sourceProblem } from './support';
import { load100Verdicts, spoiledBy } from './verdicts';

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
  /** How many times the run was taken (a run the runner spoiled is taken again). */
  attempts: Attempts;
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

/**
 * load-100 through the check's region; in the measurement region the under-load samplers ride
 * along. Taken again when the runner's own lateness is all that makes it breach.
 */
export function load100Run(ctx: CheckContext): Promise<LoadRun> {
  return memo(ctx.target, `load-100 ${ctx.region.name}`, async () => {
    const settings = loadSettings(ctx);
    const once = async (): Promise<Omit<LoadRun, 'attempts'>> => {
      const { plan, reads, writes } = await load100Plan(ctx, settings);
      const sampler = ctx.region.name === measurementRegion(ctx.target).name ? new UnderLoadSampler(ctx) : null;
      await sampler?.start();
      if (sampler) plan.onSecond = () => sampler.second();
      const result = await runScenario(ctx.region, plan, ctx.signal);
      const underLoad = sampler ? await sampler.stop() : null;
      return { result, sources: plan.sources, settings, reads, writes, underLoad };
    };
    const spoiled = (run: Omit<LoadRun, 'attempts'>) => {
      const v = load100Verdicts(figuresOf(run, ctx.region.name), judgedRunnerLoad(run.result), ctx.target.thresholds, settings.users);
      return spoiledBy([v.p95, v.errors]);
    };
    const { run, attempts } = await remeasured(ctx, `load-100 ${ctx.region.name}`, once, spoiled);
    return { ...run, attempts };
  });
}

/** Where PERF-2/PERF-3 are sampled under load: the first edge region (as users reach the API). */
export function measurementRegion(target: Target) {
  return scenarioRegion(target, undefined);
}

/** The load-100 run of the measurement region, with what was sampled during it; or why there is none. */
export async function underLoadRun(ctx: CheckContext): Promise<LoadRun | string> {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('load-100')) return 'The profile leaves load-100 out (load.scenarios): nothing to sample under.';
  const region = measurementRegion(ctx.target);
  const why = sourceProblem(planSources(region, region.serviceUrl('tax'), settings.sourceAddresses, settings.users), settings.users, settings.thinkTimeMs);
  if (why) return why;
  return load100Run({ ...ctx, region });
}

const isJudged = (p: string) => p === 'hold';

/** How loaded the runner was during the judged phase. */
export function judgedRunnerLoad(result: EngineResult): RunnerLoad {
  return runnerLoadOf(result.tally.series, isJudged, result.sharedMachine);
}

/** The judged phase (hold, or the phases `judged` names) of a load run as LoadFigures. */
export function figuresOf(run: Pick<LoadRun, 'result' | 'sources'>, region: string, scenario = 'load-100', judged: (p: string) => boolean = isJudged): LoadFigures {
  const { tally } = run.result;
  const all = tally.aggregate({ phase: judged });
  const seconds = tally.series.filter((p) => judged(p.phase));
  const durationS = seconds.length || 1;
  const requests = totalOf(all.counts);
  const errors = errorsOf(all.counts);
  return {
    scenario, region, users: Math.max(0, ...seconds.map((p) => p.vus)),
    durationS, latency: all.lat.summary(), requests, errors, errorRate: requests ? errors / requests : 0,
    throughputPerS: requests / durationS, counts: all.counts,
    perEndpoint: tally.endpoints().map((endpoint) => {
      const e = tally.aggregate({ phase: judged, endpoint });
      const n = totalOf(e.counts);
      const bad = errorsOf(e.counts);
      return { endpoint, latency: e.lat.summary(), requests: n, errors: bad, errorRate: n ? bad / n : 0 };
    }).sort((a, b) => b.latency.p95Ms - a.latency.p95Ms),
    sourceMode: run.sources.mode, runnerDelayP99Ms: runnerLoadOf(tally.series, judged).delayMs, source: 'engine',
  };
}

/** A phase of any run as StepFigures. */
export function stepOf(result: EngineResult, phase: string, users: number): StepFigures {
  const { tally } = result;
  const a = tally.aggregate({ phase });
  const seconds = tally.series.filter((p) => p.phase === phase).length || 1;
  const requests = totalOf(a.counts);
  const errors = errorsOf(a.counts);
  const runner = runnerLoadOf(tally.series, (p) => p === phase);
  return {
    name: phase, users, latency: a.lat.summary(), requests, errors, errorRate: requests ? errors / requests : 0, throughputPerS: requests / seconds, counts: a.counts,
    runnerDelayMs: runner.delayMs, machineBusyPct: runner.machineBusyPct,
  };
}
