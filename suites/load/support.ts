import { CheckFailure, pass, type CheckContext, type PassOutcome } from '../../src/checks/define';
import type { EngineResult } from '../../src/load/engine';
import { runnerSaturated, type Judgement } from '../../src/load/judge';
import { rateLimitConflict, type SourcePlan } from '../../src/load/sources';
import { grade, type EffectiveLoad } from './settings';

/** What every load check shares: artifacts of a run, the precondition on RL-1, and turning a judgement into an outcome. */

/** Load phases are planned by the profile; the engine stops itself, so the runner's limit is only a backstop. */
export const LOAD_TIMEOUT_MS = 12 * 3_600_000;

/** Raw data of a run as artifacts: HDR histograms per (phase, endpoint) and the per-second series. */
export async function runArtifacts(ctx: CheckContext, result: EngineResult, label: string): Promise<string[]> {
  const cells = result.tally.cellStats();
  return [
    await ctx.artifact(`${label}-histograms.json`, `${JSON.stringify({ encoding: 'HdrHistogram compressed base64, microseconds', cells }, null, 1)}\n`),
    await ctx.artifact(`${label}-series.json`, `${JSON.stringify({ series: result.tally.series, examples: result.tally.examples }, null, 1)}\n`),
  ];
}

/** Null, or why this load cannot be judged through this region (RL-1 would answer instead of the target). */
export function sourceProblem(sources: SourcePlan, users: number, thinkTimeMs: number): string | null {
  const perUser = thinkTimeMs > 0 ? 1000 / thinkTimeMs : 20;
  return rateLimitConflict(sources, users, perUser);
}

/** Pass or fail from a judgement; a breach while the runner itself lagged is not blamed on the target. */
export function outcome(ctx: CheckContext, j: Judgement, settings: EffectiveLoad, extra: {
  artifacts?: string[]; statement?: string; runnerDelayMs?: number; stoppedEarly?: string | null;
}): PassOutcome {
  const measurements = { ...j.measurements, grade: grade(settings, ctx.target), ...(extra.statement ? { loadFrom: extra.statement } : {}) };
  const notes = [extra.statement && `Load ${extra.statement}.`, extra.stoppedEarly && `Stopped early: ${extra.stoppedEarly}.`, settings.quick && 'Quick phases: not go/no-go grade.']
    .filter(Boolean).join(' ');
  const failing = j.findings.filter((f) => !f.advisory);
  if (failing.length > 0 && runnerSaturated(extra.runnerDelayMs, ctx.target.thresholds)) {
    throw new Error(`the runner itself was saturated (event-loop delay p99 ${extra.runnerDelayMs} ms), so its latencies cannot be blamed on the target: ${j.message}`);
  }
  if (failing.length > 0) {
    for (const f of j.findings) ctx.findings.add(f);
    throw new CheckFailure({ message: `${j.message}${notes ? `\n${notes}` : ''}`, measurements, findings: [] });
  }
  return pass({ message: `${j.message}${notes ? `. ${notes}` : ''}`, measurements, findings: j.findings, artifacts: extra.artifacts });
}
