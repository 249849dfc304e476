import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CheckFailure, type CheckContext, type CheckDef, type CheckOutcome } from '../checks/define';
import { createRedactor, redactArtifact, redactResult, type Redactor } from '../evidence/redact';
import type { CheckResult } from '../evidence/types';
import type { FixtureWorld } from '../fixtures/types';
import type { RegionTarget, Target } from '../profile/target';
import { describeError } from './describe-error';
import type { ProgressListener } from './events';
import { unmetNeeds } from './preconditions';

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface RunOptions {
  runId: string;
  target: Target;
  fixtures: FixtureWorld | null;
  /** Absolute path of the run's artifacts/ folder. */
  artifactsDir: string;
  signal?: AbortSignal;
  concurrency?: number;
  timeoutMs?: number;
  /** Shorten load phases (local tries only). */
  quick?: boolean;
  onEvent?: ProgressListener;
}

export interface RunOutcome {
  results: CheckResult[];
  /** False when the run was interrupted: checks not started are reported as skipped. */
  complete: boolean;
  /** Redacted log lines of the checks, `<check id>: <line>`. */
  logs: string[];
}

/** One execution: a check on one region (per-region checks run once per region). */
interface Execution {
  def: CheckDef;
  id: string;
  region: RegionTarget;
  perRegion: boolean;
}

export function expand(checks: readonly CheckDef[], regions: readonly RegionTarget[]): Execution[] {
  if (regions.length === 0) throw new Error('The target has no regions to run checks against.');
  return checks.flatMap((def): Execution[] => {
    if (!def.perRegion) return [{ def, id: def.id, region: regions[0], perRegion: false }];
    // An edge check says nothing about a region reached without an edge (e.g. the sandbox's direct
    // `local` region): it runs on the edge regions only, or once to be skipped when there are none.
    const eligible = def.needs?.includes('edge') ? regions.filter((r) => r.edgeUrl) : regions;
    return (eligible.length > 0 ? eligible : regions.slice(0, 1))
      .map((region) => ({ def, id: `${def.id}-${region.name}`, region, perRegion: true }));
  });
}

class Timeout extends Error {}

/** Run checks against a target; never throws for a check's sake, and returns promptly on abort. */
export async function runChecks(checks: readonly CheckDef[], opts: RunOptions): Promise<RunOutcome> {
  const executions = expand(checks, opts.target.regions);
  const redact = createRedactor(opts.target.secrets);
  const signal = opts.signal ?? new AbortController().signal;
  const results: Array<CheckResult | undefined> = new Array(executions.length);
  const logs: string[] = [];
  const emit = opts.onEvent ?? (() => {});
  let done = 0;
  let failures = 0;

  emit({ type: 'start', total: executions.length });
  const runOne = async (index: number) => {
    const execution = executions[index];
    emit({ type: 'check-start', id: execution.id, layer: execution.def.layer });
    const result = redactResult(await execute(execution, opts, signal, redact, logs, emit), redact);
    results[index] = result;
    done++;
    if (result.status === 'fail' || result.status === 'error') failures++;
    emit({ type: 'check-done', result, done, total: executions.length, failures });
  };
  // Exclusive checks disturb the target for everyone (a cut database): they run alone, after the rest.
  const shared = executions.map((_, i) => i).filter((i) => !isExclusive(executions[i].def));
  const alone = executions.map((_, i) => i).filter((i) => isExclusive(executions[i].def));
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < shared.length) await runOne(shared[next++]);
  };
  const width = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, shared.length));
  await Promise.all(Array.from({ length: width }, worker));
  for (const index of alone) {
    if (signal.aborted) break;
    await runOne(index);
  }

  const complete = !signal.aborted;
  if (!complete) emit({ type: 'aborted', done, total: executions.length });
  const final = executions.map((x, i) => results[i] ?? notRun(x));
  emit({ type: 'finish', done, total: executions.length, failures });
  return { results: final, complete, logs };
}

function isExclusive(def: CheckDef): boolean {
  return Boolean((def as CheckDef & { exclusive?: boolean }).exclusive);
}

function baseOf(x: Execution): Omit<CheckResult, 'status' | 'durationMs' | 'message'> {
  return {
    id: x.id,
    layer: x.def.layer,
    title: x.def.title,
    criteria: [...x.def.criteria],
    region: x.perRegion ? x.region.name : null,
    endpoint: x.def.endpoint ?? null,
    measurements: {},
    evidence: [],
  };
}

function notRun(x: Execution): CheckResult {
  return { ...baseOf(x), status: 'skipped', durationMs: 0, message: 'Not run: the run was interrupted before this check started.' };
}

/** A check that never ran (per-region checks as one entry: the regions were never known). */
export function notStarted(def: CheckDef, message: string): CheckResult {
  return {
    id: def.id, layer: def.layer, title: def.title, criteria: [...def.criteria], region: null, endpoint: def.endpoint ?? null,
    status: 'skipped', durationMs: 0, message, measurements: {}, evidence: [],
  };
}

async function execute(
  x: Execution, opts: RunOptions, runSignal: AbortSignal, redact: Redactor, logs: string[],
  emit: ProgressListener,
): Promise<CheckResult> {
  const base = baseOf(x);
  const unmet = unmetNeeds(x.def.needs, opts.target, x.region, opts.fixtures);
  if (unmet) return { ...base, status: 'skipped', durationMs: 0, message: unmet };

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const timeoutMs = x.def.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const onRunAbort = () => controller.abort(runSignal.reason ?? new Error('interrupted'));
  runSignal.addEventListener('abort', onRunAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new Timeout(`Timed out after ${timeoutMs / 1000} s (per-check timeout).`)), timeoutMs);
  const written: string[] = [];

  const ctx: CheckContext = {
    runId: opts.runId,
    target: opts.target,
    region: x.region,
    fixtures: opts.fixtures,
    signal: controller.signal,
    quick: opts.quick ?? false,
    async artifact(name, content) {
      const rel = safeArtifactName(`${x.id}/${name}`);
      const file = path.join(opts.artifactsDir, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, redactArtifact(content, redact));
      written.push(`artifacts/${rel}`);
      return `artifacts/${rel}`;
    },
    log(message) {
      const line = `${x.id}: ${redact(String(message))}`;
      logs.push(line);
      emit({ type: 'log', id: x.id, message: line });
    },
  };

  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => x.def.run(ctx)), stopped]) as CheckOutcome | undefined;
    if (outcome?.status === 'pass') {
      return {
        ...base, status: 'pass', durationMs: elapsed(), message: outcome.message ?? '',
        measurements: { ...(outcome.measurements ?? {}) }, evidence: [...(outcome.evidence ?? [])],
        ...withArtifacts([...(outcome.artifacts ?? []), ...written]),
      };
    }
    if (outcome?.status === 'skipped') {
      return { ...base, status: 'skipped', durationMs: elapsed(), message: outcome.message, ...withArtifacts(written) };
    }
    return { ...base, status: 'error', durationMs: elapsed(), message: 'The check returned no outcome (expected pass(...) or skip(reason)).' };
  } catch (error) {
    return { ...base, durationMs: elapsed(), ...fromThrow(error, controller.signal, runSignal), ...withArtifacts(written) };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}

function fromThrow(error: unknown, own: AbortSignal, run: AbortSignal): Pick<CheckResult, 'status' | 'message' | 'evidence' | 'measurements'> {
  if (error instanceof CheckFailure || (error instanceof Error && error.name === 'CheckFailure')) {
    const f = error as CheckFailure;
    const lines = [f.message];
    if (f.expected) lines.push(`expected: ${f.expected}`);
    if (f.received) lines.push(`received: ${f.received}`);
    const note = f.expected || f.received ? [{ note: `expected: ${f.expected}\nreceived: ${f.received}` }] : [];
    return { status: 'fail', message: lines.join('\n'), evidence: [...note, ...(f.evidence ?? [])], measurements: { ...(f.measurements ?? {}) } };
  }
  if (own.aborted && own.reason instanceof Timeout) {
    return { status: 'error', message: own.reason.message, evidence: [], measurements: {} };
  }
  if (run.aborted) {
    return { status: 'error', message: 'Interrupted while running: the run was aborted.', evidence: [], measurements: {} };
  }
  return { status: 'error', message: describeError(error), evidence: [], measurements: {} };
}

function withArtifacts(list: string[]): { artifacts?: string[] } {
  const unique = [...new Set(list)];
  return unique.length > 0 ? { artifacts: unique } : {};
}

/** Keep artifact paths inside the artifacts folder: plain segments only. */
function safeArtifactName(name: string): string {
  return name
    .split(/[\\/]+/)
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_'))
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .join('/');
}
