import { type CheckContext } from '../../../src/checks/define';
import { runScenario, type EngineResult } from '../../../src/load/engine';
import { discountFigures, discountStep, runnerLoadOf } from '../../../src/load/saturation';
import { judgeSoak, type SoakFigures } from '../../../src/load/soak';
import { planSources, type SourcePlan } from '../../../src/load/sources';
import type { Thresholds } from '../../../src/profile/target';
import { remeasured, type Attempts } from '../remeasure';
import { soakPlan } from '../scenarios';
import { figuresOf, measurementRegion, memo, stepOf } from '../sessions';
import { loadSettings, type EffectiveLoad } from '../settings';
import { defineLoadCheck, errorExamples, outcome, runArtifacts, sourceProblem } from '../support';
import { spoiledBy, verdictOf, type Verdict } from '../verdicts';

/**
 * The optional soak (profile `load.scenarios` includes `soak`): `load.soak.users` held for
 * `load.soak.durationS` through the measurement region. PT-LOAD-3 sustained: p95 and errors over
 * the whole soak, and no drift from the first window to the last.
 */
interface SoakOnce { result: EngineResult; figures: SoakFigures; sources: SourcePlan }
interface SoakRun extends SoakOnce { settings: EffectiveLoad; attempts: Attempts }

const inSoak = (p: string) => p.startsWith('soak-');

function soakVerdict(run: SoakOnce, t: Thresholds): Verdict {
  const shared = run.result.sharedMachine;
  const discount = (f: SoakFigures, ms: number): SoakFigures => ({ whole: discountFigures(f.whole, ms), first: discountStep(f.first, t, shared), last: discountStep(f.last, t, shared) });
  return verdictOf((f) => judgeSoak(f, t), run.figures, discount, runnerLoadOf(run.result.tally.series, inSoak, shared), t);
}

function soakRun(ctx: CheckContext): Promise<SoakRun> {
  const settings = loadSettings(ctx);
  const region = measurementRegion(ctx.target);
  return memo(ctx.target, 'soak', async () => {
    const once = async (): Promise<SoakOnce> => {
      const plan = await soakPlan({ ...ctx, region }, settings);
      const result = await runScenario(region, plan, ctx.signal);
      const whole = figuresOf({ result, sources: plan.sources }, region.name, 'soak', inSoak);
      return { result, sources: plan.sources, figures: { whole, first: stepOf(result, 'soak-first', settings.soak.users), last: stepOf(result, 'soak-last', settings.soak.users) } };
    };
    const { run, attempts } = await remeasured(ctx, 'soak', once, (r) => spoiledBy([soakVerdict(r, ctx.target.thresholds)]));
    return { ...run, settings, attempts };
  });
}

function precondition(ctx: CheckContext): string | null {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('soak')) return 'The profile leaves the soak out (load.scenarios does not include `soak`).';
  const region = measurementRegion(ctx.target);
  return sourceProblem(planSources(region, region.serviceUrl('tax'), settings.sourceAddresses, settings.soak.users), settings.soak.users, settings.thinkTimeMs);
}

export const loadSoakCheck = defineLoadCheck({
  id: 'LOAD-SOAK',
  title: 'Soak: the users held for load.soak.durationS; p95 and errors under the thresholds, no drift from the first window to the last',
  criteria: ['PT-LOAD-3'],
  precondition,
  async run(ctx) {
    const run = await soakRun(ctx);
    ctx.observe.judged(run.figures.whole.requests);
    const v = soakVerdict(run, ctx.target.thresholds);
    const artifacts = await runArtifacts(ctx, run.result, 'soak');
    const out = outcome(ctx, v, run.settings, { artifacts, statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly, attempts: run.attempts });
    return { ...out, evidence: errorExamples(run.result) };
  },
});
