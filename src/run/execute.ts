import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CheckFailure, type CheckContext, type CheckDef, type CheckOutcome } from '../checks/define';
import { compactFindings, FINDINGS_FILE_THRESHOLD, findingsJsonl, representativeEvidence, summarizeFindings } from '../evidence/findings';
import { redactArtifact, redactDeep, type Redactor } from '../evidence/redact';
import type { CheckResult, Finding, Observed } from '../evidence/types';
import type { FixtureWorld } from '../fixtures/types';
import type { Target } from '../profile/target';
import { countsAgainst } from './blame';
import { describeError } from './describe-error';
import type { ProgressListener } from './events';
import { ExchangeLog, withExchangeScope } from './exchange-log';
import { timeBudget } from './budget';
import { baseOf, type Execution } from './executions';
import { unmetNeeds } from './preconditions';
import { FindingList, notExercised, Observations } from './sinks';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface ExecuteOptions {
  runId: string;
  target: Target;
  fixtures: FixtureWorld | null;
  artifactsDir: string;
  timeoutMs?: number;
  quick?: boolean;
  /**
   * The target's measured distance: round-trip time per region name (src/measure/network.ts).
   * Each execution's limits grow with it (src/run/budget.ts) and its measurements say so.
   */
  network?: { rttMs: Record<string, number> };
}

export interface ExecuteShared {
  redact: Redactor;
  logs: string[];
  emit: ProgressListener;
  exchanges: ExchangeLog;
}

class Timeout extends Error {}

/**
 * One execution of one check: preconditions, the check's context (findings, observations, time
 * limits, artifacts, logs, the exchange log), and the status from how it ended. Shared by the CLI
 * runner and the vitest integration.
 */
export async function execute(x: Execution, opts: ExecuteOptions, runSignal: AbortSignal, shared: ExecuteShared): Promise<CheckResult> {
  const { redact, logs, emit, exchanges } = shared;
  const base = { ...baseOf(x), ...(x.def.rules?.length ? { rules: [...x.def.rules] } : {}) };
  const unmet = unmetNeeds(x.def.needs, opts.target, x.region, opts.fixtures, x.def.fixtureItems);
  if (unmet) return { ...base, status: 'skipped', durationMs: 0, message: unmet };

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const budget = timeBudget(x.def, x.def.timeoutMs ?? opts.timeoutMs ?? opts.target.timeouts?.checkMs ?? DEFAULT_TIMEOUT_MS,
    opts.target.timeouts?.requestMs ?? DEFAULT_REQUEST_TIMEOUT_MS, opts.network?.rttMs[x.region.name]);
  const timeoutMs = budget.checkMs;
  const onRunAbort = () => controller.abort(runSignal.reason ?? new Error('interrupted'));
  runSignal.addEventListener('abort', onRunAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new Timeout(`Timed out after ${timeoutMs / 1000} s (per-check timeout).`)), timeoutMs);
  const written: string[] = [];
  const findings = new FindingList();
  const observations = new Observations();

  const ctx: CheckContext = {
    runId: opts.runId,
    target: opts.target,
    region: x.region,
    fixtures: opts.fixtures,
    signal: controller.signal,
    quick: opts.quick ?? false,
    findings,
    observe: observations,
    exchanges: () => exchanges.list(),
    limits: {
      requestMs: budget.requestMs,
      rttMs: budget.rttMs,
      checkMs: timeoutMs,
      deadline: Date.now() + timeoutMs,
    },
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
  let ended: Ended;
  try {
    const running = withExchangeScope(exchanges, x.id, x.region.name, () => Promise.resolve().then(() => x.def.run(ctx)));
    const outcome = await Promise.race([running, stopped]) as CheckOutcome | undefined;
    ended = { kind: 'returned', outcome };
  } catch (error) {
    ended = { kind: 'threw', error };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
  const settled = settle(ended, x.def, findings.list(), observations.snapshot(), controller.signal, runSignal);
  const all = settled.findings;
  const blamed = settled.status === 'fail' || settled.status === 'error' ? countsAgainst(x.def, all) : undefined;
  const stored = await storeFindings(x.id, all, opts.artifactsDir, redact);
  return {
    ...base,
    status: settled.status,
    durationMs: elapsed(),
    message: settled.message,
    measurements: { ...settled.measurements, ...distanceMeasurements(x.id, exchanges, opts.network ? budget.text : null) },
    evidence: settled.evidence,
    ...(all.length > 0 ? { findings: compactFindings(all) } : {}),
    ...(stored ? { findingsFile: stored } : {}),
    ...(settled.observed ? { observed: settled.observed } : {}),
    ...(settled.incomplete ? { incomplete: true } : {}),
    ...(blamed ? { countsAgainst: blamed } : {}),
    ...withArtifacts([...settled.artifacts, ...written, ...(stored ? [stored] : [])]),
  };
}

/** What distance cost this execution: its scaled time budget, and transport retries (never hidden). */
function distanceMeasurements(id: string, exchanges: ExchangeLog, budget: string | null): Record<string, string | number> {
  const retries = exchanges.list().reduce((n, e) => n + (e.checkId === id ? e.transportRetries ?? 0 : 0), 0);
  return { ...(budget ? { timeBudget: budget } : {}), ...(retries > 0 ? { transportRetries: retries } : {}) };
}

type Ended = { kind: 'returned'; outcome: CheckOutcome | undefined } | { kind: 'threw'; error: unknown };

interface Settled {
  status: CheckResult['status'];
  message: string;
  measurements: CheckResult['measurements'];
  evidence: CheckResult['evidence'];
  findings: Finding[];
  observed: Observed | null;
  incomplete: boolean;
  artifacts: string[];
}

/** A precondition the check could only see while running (a fixture item it touched): skipped, not error. */
function isCheckSkipped(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CheckSkipped';
}

function isCheckFailure(error: unknown): error is CheckFailure {
  return error instanceof CheckFailure || (error instanceof Error && error.name === 'CheckFailure');
}

/**
 * The status from how the check ended and what it recorded on the way. Findings given to
 * `ctx.findings` always count: a check that found problems and then ran out of time fails with
 * them (incomplete), it does not become an `error` that loses them.
 */
function settle(
  ended: Ended, def: CheckDef, recorded: readonly Finding[], observed: Observed | null,
  own: AbortSignal, run: AbortSignal,
): Settled {
  const empty = { measurements: {}, evidence: [], artifacts: [], observed, incomplete: false };
  if (ended.kind === 'returned') {
    const outcome = ended.outcome;
    if (outcome?.status === 'skipped') return { ...empty, status: 'skipped', message: outcome.message, findings: [...recorded] };
    if (outcome?.status !== 'pass') {
      return { ...empty, status: 'error', message: 'The check returned no outcome (expected pass(...) or skip(reason)).', findings: [...recorded] };
    }
    const findings = [...recorded, ...(outcome.findings ?? [])];
    const measurements = { ...(outcome.measurements ?? {}) };
    const artifacts = outcome.artifacts ?? [];
    if (findings.some((f) => !f.advisory)) {
      return {
        ...empty, status: 'fail', message: summarizeFindings(findings), measurements, artifacts, findings,
        evidence: representativeEvidence(findings.filter((f) => !f.advisory)),
      };
    }
    const unexercised = notExercised(observed, def.minJudged);
    if (unexercised) return { ...empty, status: 'error', message: unexercised, measurements, artifacts, findings };
    return { ...empty, status: 'pass', message: outcome.message ?? '', measurements, evidence: [...(outcome.evidence ?? [])], artifacts, findings };
  }

  const error = ended.error;
  if (isCheckFailure(error)) {
    const findings = [...recorded, ...error.findings];
    const lines = [error.message];
    if (error.expected) lines.push(`expected: ${error.expected}`);
    if (error.received) lines.push(`received: ${error.received}`);
    const note = error.expected || error.received ? [{ note: `expected: ${error.expected}\nreceived: ${error.received}` }] : [];
    return {
      ...empty, status: 'fail', message: lines.join('\n'), measurements: { ...error.measurements }, findings,
      evidence: [...note, ...error.evidence, ...(error.evidence.length === 0 ? representativeEvidence(findings) : [])],
    };
  }
  const why = own.aborted && own.reason instanceof Timeout
    ? own.reason.message
    : run.aborted ? 'Interrupted while running: the run was aborted.' : describeError(error);
  const stoppedEarly = own.aborted || run.aborted;
  const failing = recorded.filter((f) => !f.advisory);
  if (failing.length > 0) {
    // Keep what it found: a red line with every finding so far, marked incomplete.
    return {
      ...empty, status: 'fail', incomplete: true, findings: [...recorded],
      message: `${summarizeFindings(recorded)}\nIncomplete: ${why}`,
      evidence: representativeEvidence(failing),
    };
  }
  if (isCheckSkipped(error) && !stoppedEarly) return { ...empty, status: 'skipped', message: error.message, findings: [...recorded] };
  return { ...empty, status: 'error', message: why, findings: [...recorded], incomplete: stoppedEarly };
}

/** Long finding lists also go to artifacts/<check-id>.jsonl, evidence included. */
async function storeFindings(id: string, findings: readonly Finding[], artifactsDir: string, redact: Redactor): Promise<string | null> {
  if (findings.length <= FINDINGS_FILE_THRESHOLD) return null;
  const rel = `${safeArtifactName(id)}.jsonl`;
  await mkdir(artifactsDir, { recursive: true });
  await writeFile(path.join(artifactsDir, rel), findingsJsonl(redactDeep([...findings], redact)));
  return `artifacts/${rel}`;
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
