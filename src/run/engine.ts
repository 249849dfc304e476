import type { CheckDef } from '../checks/define';
import { createRedactor, redactResult } from '../evidence/redact';
import type { CheckResult } from '../evidence/types';
import { applyBlocking } from './blocking';
import type { ProgressListener } from './events';
import { ExchangeLog } from './exchange-log';
import { expand, notRun, type Execution } from './executions';
import { execute, type ExecuteOptions } from './execute';

/**
 * The state of one run: its executions (checks × regions), each run at most once, and the
 * results put together at the end (blocked by a failed prerequisite, not-run when interrupted).
 * The CLI runner schedules it; the vitest integration runs one execution per test.
 */
export interface EngineOptions extends ExecuteOptions {
  signal?: AbortSignal;
  onEvent?: ProgressListener;
}

export class RunEngine {
  readonly executions: Execution[];
  readonly signal: AbortSignal;
  private readonly results = new Map<string, Promise<CheckResult>>();
  private readonly settled = new Map<string, CheckResult>();
  private readonly logs: string[] = [];
  private readonly exchanges = new ExchangeLog();
  private readonly emit: ProgressListener;
  private readonly redact;
  private failures = 0;

  constructor(checks: readonly CheckDef[], private readonly opts: EngineOptions) {
    this.executions = expand(checks, opts.target.regions);
    this.signal = opts.signal ?? new AbortController().signal;
    this.emit = opts.onEvent ?? (() => {});
    this.redact = createRedactor(opts.target.secrets);
  }

  get done(): number {
    return this.settled.size;
  }

  /** Runs the execution once (later calls share the result), redacted. */
  run(execution: Execution): Promise<CheckResult> {
    let result = this.results.get(execution.id);
    if (!result) {
      result = this.runOnce(execution);
      this.results.set(execution.id, result);
    }
    return result;
  }

  private async runOnce(x: Execution): Promise<CheckResult> {
    this.emit({ type: 'check-start', id: x.id, layer: x.def.layer });
    const shared = { redact: this.redact, logs: this.logs, emit: this.emit, exchanges: this.exchanges };
    const result = redactResult(await execute(x, this.opts, this.signal, shared), this.redact);
    this.settled.set(x.id, result);
    if (result.status === 'fail' || result.status === 'error') this.failures++;
    this.emit({ type: 'check-done', result, done: this.done, total: this.executions.length, failures: this.failures });
    return result;
  }

  /** The executions a check execution depends on (same region for per-region prerequisites). */
  prerequisitesOf(x: Execution): Execution[] {
    return (x.def.dependsOn ?? []).flatMap((dep) => {
      const runs = this.executions.filter((e) => e.def.id === dep);
      const same = runs.filter((e) => e.region.name === x.region.name);
      return same.length > 0 ? same : runs.filter((e) => !e.perRegion);
    });
  }

  /** This execution's outcome as the report will show it: blocked when a prerequisite already failed. */
  outcomeNow(x: Execution): CheckResult | undefined {
    const own = this.settled.get(x.id);
    if (!own) return undefined;
    const related = [...this.prerequisitesOf(x), x].filter((e) => this.settled.has(e.id));
    return applyBlocking(related.map((e) => ({ def: e.def, region: e.region.name, result: this.settled.get(e.id)! })))
      .find((r) => r.id === x.id);
  }

  /** Every execution's result in order: not-run where it never started, blocked where a prerequisite explains it. */
  finish(): { results: CheckResult[]; logs: string[] } {
    const results = applyBlocking(this.executions.map((x) => ({ def: x.def, region: x.region.name, result: this.settled.get(x.id) ?? notRun(x) })));
    return { results, logs: this.logs };
  }

  /** Only the executions that ran (the vitest integration: `-t` filters which ones). */
  finishRan(): { results: CheckResult[]; logs: string[] } {
    const ran = this.executions.filter((x) => this.settled.has(x.id));
    return { results: applyBlocking(ran.map((x) => ({ def: x.def, region: x.region.name, result: this.settled.get(x.id)! }))), logs: this.logs };
  }

  get failing(): number {
    return this.failures;
  }
}
