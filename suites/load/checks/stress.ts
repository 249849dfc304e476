import { type CheckContext } from '../../../src/checks/define';
import { runScenario, type EngineResult } from '../../../src/load/engine';
import type { StressFigures } from '../../../src/load/evidence';
import { judgeBreakingPoint, judgeDegradation, type Judgement } from '../../../src/load/judge';
import { discountStress, runnerLoadOf } from '../../../src/load/saturation';
import { planSources, type SourcePlan } from '../../../src/load/sources';
import type { Thresholds } from '../../../src/profile/target';
import { remeasured, type Attempts } from '../remeasure';
import { stressPlan } from '../scenarios';
import { memo, stepOf } from '../sessions';
import { EDGE_TIMEOUT_MS, loadSettings, scenarioRegion, type EffectiveLoad } from '../settings';
import { defineLoadCheck, errorExamples, outcome, runArtifacts, sourceProblem } from '../support';
import { spoiledBy, verdictOf, type Verdict } from '../verdicts';

/**
 * stress-500 through one region: steps of users up to 500, an overload burst (all users without
 * think time), then back to the first step to watch recovery. STRESS-BREAKING-POINT names the
 * step where p95 or errors first cross the thresholds (PT-STRESS-1/2); STRESS-DEGRADATION
 * judges how overload was answered and whether service came back (PT-STRESS-3, §16).
 * Each step is discounted by the runner's own delay in that step before a breach is blamed.
 */
interface StressOnce { result: EngineResult; figures: StressFigures; sources: SourcePlan }
interface StressRun extends StressOnce { settings: EffectiveLoad; attempts: Attempts }

function stressVerdict(judge: (f: StressFigures) => Judgement, run: StressOnce, t: Thresholds): Verdict {
  return verdictOf(judge, run.figures, (f) => discountStress(f, t), runnerLoadOf(run.result.tally.series, undefined, run.result.sharedMachine), t);
}

function breakingPoint(run: StressOnce, t: Thresholds, settings: EffectiveLoad): Verdict {
  const top = settings.stress.steps[settings.stress.steps.length - 1];
  return stressVerdict((f) => {
    const j = judgeBreakingPoint(f, t, settings.users);
    if (run.result.peakConcurrency < top) j.findings.push({ rule: null, text: `only ${run.result.peakConcurrency} of ${top} users were active at once (PT-STRESS-1)` });
    j.measurements.peakUsers = run.result.peakConcurrency;
    return j;
  }, run, t);
}

const degradation = (run: StressOnce, t: Thresholds): Verdict => stressVerdict((f) => judgeDegradation(f, t, EDGE_TIMEOUT_MS), run, t);

function stressRun(ctx: CheckContext): Promise<StressRun> {
  const settings = loadSettings(ctx);
  const region = scenarioRegion(ctx.target, settings.stress.region);
  const t = ctx.target.thresholds;
  return memo(ctx.target, 'stress-500', async () => {
    const once = async (): Promise<StressOnce> => {
      const plan = await stressPlan({ ...ctx, region }, settings);
      const result = await runScenario(region, plan, ctx.signal);
      const st = settings.stress;
      const figures: StressFigures = {
        region: region.name,
        steps: st.steps.map((vus) => stepOf(result, `step-${vus}`, vus)).filter((x) => x.requests > 0),
        overload: st.overloadS > 0 ? stepOf(result, 'overload', st.steps[st.steps.length - 1]) : null,
        recovery: result.tally.series.filter((p) => p.phase === 'recovery'),
        recoveryBoundS: st.recoveryBoundS, sourceMode: plan.sources.mode, source: 'engine', sharedMachine: result.sharedMachine,
        runnerDelayP99Ms: runnerLoadOf(result.tally.series, (p) => p.startsWith('step-')).delayMs,
      };
      return { result, figures, sources: plan.sources };
    };
    const spoiled = (run: StressOnce) => spoiledBy([breakingPoint(run, t, settings), degradation(run, t)]);
    const { run, attempts } = await remeasured(ctx, 'stress-500', once, spoiled);
    return { ...run, settings, attempts };
  });
}

function precondition(ctx: CheckContext): string | null {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('stress-500')) return 'The profile leaves stress-500 out (load.scenarios).';
  const region = scenarioRegion(ctx.target, settings.stress.region);
  const top = settings.stress.steps[settings.stress.steps.length - 1];
  return sourceProblem(planSources(region, region.serviceUrl('tax'), settings.sourceAddresses, top), top, settings.stress.thinkTimeMs ?? settings.thinkTimeMs);
}

export const stressBreakingPointCheck = defineLoadCheck({
  id: 'STRESS-BREAKING-POINT',
  title: 'stress-500: users climb in steps to 500; the breaking point is named and lies above the load target',
  criteria: ['PT-STRESS-1', 'PT-STRESS-2'],
  precondition,
  async run(ctx) {
    const run = await stressRun(ctx);
    const f = run.figures;
    ctx.observe.judged(f.steps.reduce((n, s) => n + s.requests, 0));
    const v = breakingPoint(run, ctx.target.thresholds, run.settings);
    const artifacts = await runArtifacts(ctx, run.result, 'stress');
    artifacts.push(await ctx.artifact('stress-curve.json', `${JSON.stringify(f, null, 1)}\n`));
    if (v.discountMs > 0 && Number.isFinite(v.discountMs)) {
      // Where the runner itself lagged, the curve it drew is partly its own: say where it would break without that.
      v.measured.measurements.breakingPointRunnerDiscounted = v.discounted.measurements.breakingPoint;
    }
    return outcome(ctx, v, run.settings, { artifacts, statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly, attempts: run.attempts });
  },
});

export const stressDegradationCheck = defineLoadCheck({
  id: 'STRESS-DEGRADATION',
  title: 'stress-500: overload answered with 429/503 in E1, no other 5xx, nothing slower than the edge timeout, p95 back to baseline after',
  criteria: ['PT-STRESS-3'],
  precondition,
  async run(ctx) {
    const run = await stressRun(ctx);
    const f = run.figures;
    ctx.observe.judged((f.overload?.requests ?? 0) + f.recovery.reduce((n, p) => n + p.requests, 0));
    const v = degradation(run, ctx.target.thresholds);
    const out = outcome(ctx, v, run.settings, { statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly, attempts: run.attempts });
    return { ...out, evidence: errorExamples(run.result) };
  },
});
