import { type CheckContext } from '../../../src/checks/define';
import { MIN_P95_SAMPLES } from '../../../src/load/judge';
import { planSources } from '../../../src/load/sources';
import { figuresOf, judgedRunnerLoad, load100Run } from '../sessions';
import { loadSettings } from '../settings';
import { defineLoadCheck, errorExamples, outcome, runArtifacts, sourceProblem } from '../support';
import { load100Verdicts } from '../verdicts';

/**
 * load-100 through each region: 100 users (profile `load.users`) with think time, the realistic
 * mix of reads and (with allowWrites) commands. LOAD-P95 judges latency (PERF-1 from every
 * region, PT-LOAD-3), LOAD-ERRORS the error rate and its classes (PT-LOAD-1, PT-LOAD-3); both
 * read the same run.
 */
function precondition(ctx: CheckContext): string | null {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('load-100')) return 'The profile leaves load-100 out (load.scenarios).';
  const sources = planSources(ctx.region, ctx.region.serviceUrl('tax'), settings.sourceAddresses, settings.users);
  return sourceProblem(sources, settings.users, settings.thinkTimeMs);
}

export const loadP95Check = defineLoadCheck({
  id: 'LOAD-P95',
  title: 'load-100 through the region: p95 of the mix and of every endpoint under thresholds.p95Ms',
  criteria: ['PERF-1', 'PT-LOAD-3'],
  perRegion: true,
  // A p95 of fewer answers is one unlucky pause from a false alarm.
  minJudged: MIN_P95_SAMPLES,
  precondition,
  async run(ctx) {
    const run = await load100Run(ctx);
    const figures = figuresOf(run, ctx.region.name);
    const artifacts = await runArtifacts(ctx, run.result, 'load-100');
    await ctx.artifact('load-100-figures.json', `${JSON.stringify(figures, null, 1)}\n`);
    ctx.observe.judged(figures.requests);
    const { p95 } = load100Verdicts(figures, judgedRunnerLoad(run.result), ctx.target.thresholds, run.settings.users);
    p95.measured.measurements.reads = run.reads.length;
    p95.measured.measurements.writes = run.writes.length;
    return outcome(ctx, p95, run.settings, { artifacts, statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly, attempts: run.attempts });
  },
});

export const loadErrorsCheck = defineLoadCheck({
  id: 'LOAD-ERRORS',
  title: 'load-100 through the region: 100 users reached, error rate under thresholds.errorRate (timeouts, resets, 429, 503, 5xx, envelope)',
  criteria: ['PT-LOAD-1', 'PT-LOAD-3'],
  perRegion: true,
  precondition,
  async run(ctx) {
    const run = await load100Run(ctx);
    const figures = figuresOf(run, ctx.region.name);
    ctx.observe.judged(figures.requests);
    const { errors } = load100Verdicts(figures, judgedRunnerLoad(run.result), ctx.target.thresholds, run.settings.users);
    const out = outcome(ctx, errors, run.settings, { statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly, attempts: run.attempts });
    return { ...out, evidence: errorExamples(run.result) };
  },
});
