import { defineCheck, skip, type CheckContext } from '../../../src/checks/define';
import { runScenario, type EngineResult } from '../../../src/load/engine';
import type { StressFigures } from '../../../src/load/evidence';
import { judgeBreakingPoint, judgeDegradation } from '../../../src/load/judge';
import { stressPlan } from '../scenarios';
import { memo, stepOf } from '../sessions';
import { EDGE_TIMEOUT_MS, loadSettings, scenarioRegion, type EffectiveLoad } from '../settings';
import { LOAD_TIMEOUT_MS, outcome, runArtifacts, sourceProblem } from '../support';
import { planSources, type SourcePlan } from '../../../src/load/sources';
import { LOAD_ITEMS } from '../requests';

/**
 * stress-500 through one region: steps of users up to 500, an overload burst (all users without
 * think time), then back to the first step to watch recovery. STRESS-BREAKING-POINT names the
 * step where p95 or errors first cross the thresholds (PT-STRESS-1/2); STRESS-DEGRADATION
 * judges how overload was answered and whether service came back (PT-STRESS-3, §16).
 */
interface StressRun { result: EngineResult; figures: StressFigures; settings: EffectiveLoad; sources: SourcePlan }

function stressRun(ctx: CheckContext): Promise<StressRun> {
  const settings = loadSettings(ctx);
  const region = scenarioRegion(ctx.target, settings.stress.region);
  return memo(ctx.target, 'stress-500', async () => {
    const plan = await stressPlan({ ...ctx, region }, settings);
    const result = await runScenario(region, plan, ctx.signal);
    const st = settings.stress;
    const figures: StressFigures = {
      region: region.name,
      steps: st.steps.map((vus) => stepOf(result, `step-${vus}`, vus)).filter((x) => x.requests > 0),
      overload: st.overloadS > 0 ? stepOf(result, 'overload', st.steps[st.steps.length - 1]) : null,
      recovery: result.tally.series.filter((p) => p.phase === 'recovery'),
      recoveryBoundS: st.recoveryBoundS, sourceMode: plan.sources.mode, source: 'engine',
      runnerDelayP99Ms: result.tally.runnerDelayMs((p) => p.startsWith('step-')),
    };
    return { result, figures, settings, sources: plan.sources };
  });
}

function precondition(ctx: CheckContext): string | null {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('stress-500')) return 'The profile leaves stress-500 out (load.scenarios).';
  const region = scenarioRegion(ctx.target, settings.stress.region);
  const top = settings.stress.steps[settings.stress.steps.length - 1];
  return sourceProblem(planSources(region, region.serviceUrl('tax'), settings.sourceAddresses, top), top, settings.stress.thinkTimeMs ?? settings.thinkTimeMs);
}

export const stressBreakingPointCheck = defineCheck({
  id: 'STRESS-BREAKING-POINT',
  layer: 'load',
  title: 'stress-500: users climb in steps to 500; the breaking point is named and lies above the load target',
  criteria: ['PT-STRESS-1', 'PT-STRESS-2'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
    const run = await stressRun(ctx);
    const f = run.figures;
    ctx.observe.judged(f.steps.reduce((n, s) => n + s.requests, 0));
    const j = judgeBreakingPoint(f, ctx.target.thresholds, run.settings.users);
    const top = run.settings.stress.steps[run.settings.stress.steps.length - 1];
    if (run.result.peakConcurrency < top) {
      j.findings.push({ rule: null, text: `only ${run.result.peakConcurrency} of ${top} users were active at once (PT-STRESS-1)` });
    }
    j.measurements.peakUsers = run.result.peakConcurrency;
    const artifacts = await runArtifacts(ctx, run.result, 'stress');
    artifacts.push(await ctx.artifact('stress-curve.json', `${JSON.stringify(f, null, 1)}\n`));
    return outcome(ctx, j, run.settings, { artifacts, statement: run.sources.statement, runnerDelayMs: f.runnerDelayP99Ms, stoppedEarly: run.result.stoppedEarly });
  },
});

export const stressDegradationCheck = defineCheck({
  id: 'STRESS-DEGRADATION',
  layer: 'load',
  title: 'stress-500: overload answered with 429/503 in E1, no other 5xx, nothing slower than the edge timeout, p95 back to baseline after',
  criteria: ['PT-STRESS-3'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
    const run = await stressRun(ctx);
    const f = run.figures;
    ctx.observe.judged((f.overload?.requests ?? 0) + f.recovery.reduce((n, p) => n + p.requests, 0));
    const j = judgeDegradation(f, ctx.target.thresholds, EDGE_TIMEOUT_MS);
    const examples = run.result.tally.examples.filter((e) => e.outcome !== 'ok').slice(0, 5)
      .map((e) => ({ note: `${e.endpoint} ${e.outcome}${e.status ? ` ${e.status}` : ''} after ${e.latencyMs} ms (${e.phase})`, response: e.excerpt }));
    return { ...outcome(ctx, j, run.settings, { statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly }), evidence: examples };
  },
});
