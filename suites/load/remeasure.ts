import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext } from '../../src/checks/define';
import { describeRunner, type RunnerLoad } from '../../src/load/saturation';

/**
 * A measurement the runner spoiled (a breach only its own lateness explains) is taken again, after
 * a pause for the machine to settle, before anyone is told the runner was saturated. The last
 * attempt stands; how many there were and how loaded the runner was in each goes to the report.
 */
export const MAX_ATTEMPTS = 3;
const SETTLE_MS = 5_000;

export interface Attempts {
  count: number;
  /** The runner's load in each attempt it spoiled (the last one included when it was spoiled too). */
  spoiled: RunnerLoad[];
}

export async function remeasured<T>(
  ctx: Pick<CheckContext, 'signal' | 'log'>, label: string,
  attempt: () => Promise<T>, spoiledBy: (run: T) => RunnerLoad | null, settleMs = SETTLE_MS,
): Promise<{ run: T; attempts: Attempts }> {
  const spoiled: RunnerLoad[] = [];
  for (let i = 1; ; i++) {
    const run = await attempt();
    const load = spoiledBy(run);
    if (load) spoiled.push(load);
    if (!load || i >= MAX_ATTEMPTS || ctx.signal.aborted) return { run, attempts: { count: i, spoiled } };
    ctx.log(`${label}: ${describeRunner(load)}; the breach does not remain without that delay, measuring again (attempt ${i + 1} of ${MAX_ATTEMPTS})`);
    await sleep(settleMs, undefined, { signal: ctx.signal }).catch(() => undefined);
  }
}

/** Measurements for the report: attempts and the runner's worst load in them. */
export function attemptMeasurements(a: Attempts): Record<string, number> {
  return {
    attempts: a.count,
    ...(a.spoiled.length > 0 ? { attemptsSpoiledByRunner: a.spoiled.length, worstRunnerDelayMs: Math.round(Math.max(...a.spoiled.map((s) => s.delayMs))) } : {}),
  };
}
