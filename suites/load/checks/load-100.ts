import { defineCheck, skip, type CheckContext } from '../../../src/checks/define';
import { judgeErrors, judgeP95 } from '../../../src/load/judge';
import { planSources } from '../../../src/load/sources';
import { figuresOf, load100Run } from '../sessions';
import { loadSettings } from '../settings';
import { LOAD_TIMEOUT_MS, outcome, runArtifacts, sourceProblem } from '../support';
import { LOAD_ITEMS } from '../requests';

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

export const loadP95Check = defineCheck({
  id: 'LOAD-P95',
  layer: 'load',
  title: 'load-100 through the region: p95 of the mix and of every endpoint under thresholds.p95Ms',
  criteria: ['PERF-1', 'PT-LOAD-3'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  perRegion: true,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
    const run = await load100Run(ctx);
    const figures = figuresOf(run, ctx.region.name);
    const artifacts = await runArtifacts(ctx, run.result, 'load-100');
    await ctx.artifact('load-100-figures.json', `${JSON.stringify(figures, null, 1)}\n`);
    ctx.observe.judged(figures.requests);
    const j = judgeP95(figures, ctx.target.thresholds);
    j.measurements.reads = run.reads.length;
    j.measurements.writes = run.writes.length;
    return outcome(ctx, j, run.settings, { artifacts, statement: run.sources.statement, runnerDelayMs: figures.runnerDelayP99Ms, stoppedEarly: run.result.stoppedEarly });
  },
});

export const loadErrorsCheck = defineCheck({
  id: 'LOAD-ERRORS',
  layer: 'load',
  title: 'load-100 through the region: 100 users reached, error rate under thresholds.errorRate (timeouts, resets, 429, 503, 5xx, envelope)',
  criteria: ['PT-LOAD-1', 'PT-LOAD-3'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  perRegion: true,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
    const run = await load100Run(ctx);
    const figures = figuresOf(run, ctx.region.name);
    ctx.observe.judged(figures.requests);
    const j = judgeErrors(figures, ctx.target.thresholds);
    const wanted = run.settings.users;
    if (figures.users < wanted) {
      j.findings.push({ rule: null, text: `only ${figures.users} of ${wanted} users were active during the hold phase (PT-LOAD-1)` });
    }
    j.measurements.users = figures.users;
    j.measurements.usersWanted = wanted;
    const examples = run.result.tally.examples.slice(0, 5).map((e) => ({ note: `${e.endpoint} ${e.outcome}${e.status ? ` ${e.status}` : ''} after ${e.latencyMs} ms (${e.phase})`, response: e.excerpt }));
    const out = outcome(ctx, j, run.settings, { statement: run.sources.statement, stoppedEarly: run.result.stoppedEarly });
    return { ...out, evidence: examples };
  },
});
