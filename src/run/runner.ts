import type { CheckDef } from '../checks/define';
import type { CheckResult } from '../evidence/types';
import { RunEngine, type EngineOptions } from './engine';
import type { Execution } from './executions';

export { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './execute';
export { expand, notStarted } from './executions';
export const DEFAULT_CONCURRENCY = 4;

export interface RunOptions extends EngineOptions {
  /** Checks running at once (default: the profile's `concurrency`, else 4). */
  concurrency?: number;
}

export interface RunOutcome {
  results: CheckResult[];
  /** False when the run was interrupted: checks not started are reported as skipped. */
  complete: boolean;
  /** Redacted log lines of the checks, `<check id>: <line>`. */
  logs: string[];
}

/**
 * Run checks against a target; never throws for a check's sake, and returns promptly on abort.
 * Exclusive checks disturb the target for everyone (a cut database): they run alone, after the
 * rest. Passive inspectors (phase `after`) come last, when the exchange log is complete.
 */
export async function runChecks(checks: readonly CheckDef[], opts: RunOptions): Promise<RunOutcome> {
  const engine = new RunEngine(checks, opts);
  const emit = opts.onEvent ?? (() => {});
  const total = engine.executions.length;
  emit({ type: 'start', total });
  const { shared, alone, after } = phases(engine.executions);
  const width = opts.concurrency ?? opts.target.concurrency ?? DEFAULT_CONCURRENCY;
  const run = (x: Execution) => engine.run(x).then(() => undefined);
  await inParallel(shared, width, run, engine.signal);
  await inParallel(alone, 1, run, engine.signal);
  await inParallel(after, width, run, engine.signal);

  const complete = !engine.signal.aborted;
  if (!complete) emit({ type: 'aborted', done: engine.done, total });
  const { results, logs } = engine.finish();
  emit({ type: 'finish', done: engine.done, total, failures: engine.failing });
  return { results, complete, logs };
}

/** The three phases of a run, each in the layers' order. */
export function phases(executions: readonly Execution[]): { shared: Execution[]; alone: Execution[]; after: Execution[] } {
  const isAfter = (x: Execution) => x.def.phase === 'after';
  return {
    shared: executions.filter((x) => !isAfter(x) && !x.def.exclusive),
    alone: executions.filter((x) => !isAfter(x) && x.def.exclusive),
    after: executions.filter(isAfter),
  };
}

/** Runs `task` over `items` with at most `width` at once; stops taking new ones on abort. */
async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>, signal: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
}
