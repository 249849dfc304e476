import { CheckFailure, defineCheck, pass, skip, type CheckContext, type CheckDef, type CheckOutcome, type PassOutcome } from '../../src/checks/define';
import type { EvidenceItem } from '../../src/evidence/types';
import type { EngineResult } from '../../src/load/engine';
import { describeRunner, SATURATED_MESSAGE, type RunnerLoad } from '../../src/load/saturation';
import { rateLimitConflict, type SourcePlan } from '../../src/load/sources';
import { attemptMeasurements, type Attempts } from './remeasure';
import { grade, type EffectiveLoad } from './settings';
import type { Verdict } from './verdicts';
import { LOAD_ITEMS } from './requests';

/** What every load check shares: artifacts of a run, the precondition on RL-1, and turning a judgement into an outcome. */

/** Load phases are planned by the profile; the engine stops itself, so the runner's limit is only a backstop. */
export const LOAD_TIMEOUT_MS = 12 * 3_600_000;

/** Raw data of a run as artifacts: HDR histograms per (phase, endpoint) and the per-second series. */
export async function runArtifacts(ctx: CheckContext, result: EngineResult, label: string): Promise<string[]> {
  const cells = result.tally.cellStats();
  const t = ctx.target.thresholds;
  return [
    await ctx.artifact(`${label}-histograms.json`, `${JSON.stringify({ encoding: 'HdrHistogram compressed base64, microseconds', cells }, null, 1)}\n`),
    await ctx.artifact(`${label}-series.json`, `${JSON.stringify({ thresholds: { p95Ms: t.p95Ms, errorRate: t.errorRate }, series: result.tally.series, examples: result.tally.examples }, null, 1)}\n`),
  ];
}

/** The first few error answers of a run as evidence (every class is kept in the series artifact). */
export function errorExamples(result: EngineResult, n = 5): EvidenceItem[] {
  return result.tally.examples.slice(0, n)
    .map((e) => ({ note: `${e.endpoint} ${e.outcome}${e.status ? ` ${e.status}` : ''} after ${e.latencyMs} ms (${e.phase})`, response: e.excerpt }));
}

/** Null, or why this load cannot be judged through this region (RL-1 would answer instead of the target). */
export function sourceProblem(sources: SourcePlan, users: number, thinkTimeMs: number): string | null {
  const perUser = thinkTimeMs > 0 ? 1000 / thinkTimeMs : 20;
  return rateLimitConflict(sources, users, perUser);
}

/** The runner's load as measurements (the report shows how trustworthy the figures are). */
export function runnerMeasurements(load: RunnerLoad): Record<string, number> {
  return { runnerDelayMs: Math.round(load.delayMs), runnerCpuPct: Math.round(load.cpuPct), machineBusyPct: Math.round(load.machineBusyPct) };
}

/**
 * Pass or fail from a verdict. A breach that remains once the runner's own delay is discounted is
 * the target's (fail); one that does not, after every re-measurement, is reported as `error`
 * ("runner saturated"), never blamed on the target.
 */
export function outcome(ctx: CheckContext, v: Verdict, settings: EffectiveLoad, extra: {
  artifacts?: string[]; statement?: string; stoppedEarly?: string | null; attempts: Attempts;
}): PassOutcome {
  const j = v.measured;
  const measurements = {
    ...j.measurements, grade: grade(settings, ctx.target), ...(extra.statement ? { loadFrom: extra.statement } : {}),
    ...attemptMeasurements(extra.attempts), ...runnerMeasurements(v.runner),
  };
  const notes = [extra.statement && `Load ${extra.statement}.`, extra.stoppedEarly && `Stopped early: ${extra.stoppedEarly}.`, settings.quick && 'Quick phases: not go/no-go grade.']
    .filter(Boolean).join(' ');
  if (v.decision === 'saturated') {
    const tries = extra.attempts.count > 1 ? ` in each of ${extra.attempts.count} attempts` : '';
    throw new Error(`${SATURATED_MESSAGE}: ${describeRunner(v.runner)}${tries}, and the breach does not remain once that delay is discounted. As measured: ${j.message}`);
  }
  if (v.decision === 'fail') {
    for (const f of j.findings) ctx.findings.add(f);
    const kept = v.discountMs === Infinity ? ' The breach is in answers the target sent, whatever the machine\'s load.'
      : v.discountMs > 0 ? ` The breach remains with the runner's own delay (${Math.round(v.discountMs)} ms) discounted.` : '';
    throw new CheckFailure({ message: `${j.message}.${kept}${notes ? `\n${notes}` : ''}`, measurements, findings: [] });
  }
  return pass({ message: `${j.message}${notes ? `. ${notes}` : ''}`, measurements, findings: j.findings, artifacts: extra.artifacts });
}

/**
 * A load check: every one needs load permission and fixtures, runs alone (load disturbs every
 * other measurement), is bounded by its own phases rather than the runner's limit, and is skipped
 * with its precise cause when the profile leaves its scenario out or RL-1 would answer instead.
 */
export function defineLoadCheck(def: Pick<CheckDef, 'id' | 'title' | 'criteria' | 'perRegion' | 'minJudged'> & {
  precondition(ctx: CheckContext): string | null;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}): CheckDef {
  const { precondition, run, ...rest } = def;
  return defineCheck({
    ...rest, layer: 'load', needs: ['load', 'fixtures'], fixtureItems: LOAD_ITEMS, exclusive: true, timeoutMs: LOAD_TIMEOUT_MS,
    async run(ctx) {
      const why = precondition(ctx);
      return why ? skip(why) : run(ctx);
    },
  });
}
