import type { Thresholds } from '../profile/target';
import type { LoadFigures, StepFigures, StressFigures } from './evidence';
import type { LatencySummary } from './histogram';
import type { Judgement } from './judge';
import type { OutcomeClass } from './outcome';
import type { SeriesPoint } from './tally';

/**
 * Telling a saturated runner from a slow target (issue 9 item 10). Every latency the engine records
 * is at most the target's own plus how late the runner's event loop was at that moment; errors of
 * the classes below can also come from the runner (a request it could not send or read in time).
 * A breach is the target's when it remains once the runner's worst delay is taken off; otherwise
 * the measurement is re-taken, and after that reported as `error` (never a fail).
 */
export const SATURATED_MESSAGE = 'runner saturated: measurement not trustworthy';

/** Event-loop delay above this share of the p95 threshold: the runner's own lateness is material. */
export const SATURATION_SHARE = 0.1;

/**
 * A machine busier than this (mean over the phase) that hosts both the runner and the target
 * (a loopback target: the sandbox) starves both: no latency measured there says anything about
 * the target's own speed. Answers the target sent (5xx, 429, envelope) still count.
 */
export const MACHINE_SATURATED_PCT = 95;

/** Errors a late runner can produce itself; answers the target sent (429, 5xx, envelope) are always its own. */
const RUNNER_CLASSES: readonly OutcomeClass[] = ['timeout', 'reset', 'dropped'];

export interface RunnerLoad {
  /** Worst per-second p99 of the event loop's delay (ms). */
  delayMs: number;
  /** Highest per-second CPU of the runner process (% of one core). */
  cpuPct: number;
  /** Mean share of the machine's CPU that was busy (%). */
  machineBusyPct: number;
  seconds: number;
  /** The target runs on the runner's machine (loopback): a starved machine starves it too. */
  sharedMachine?: boolean;
}

export function runnerLoadOf(series: readonly SeriesPoint[], phase?: (p: string) => boolean, sharedMachine = false): RunnerLoad {
  const points = series.filter((p) => !phase || phase(p.phase));
  const busy = points.map((p) => p.machineBusyPct ?? 0);
  return {
    delayMs: Math.max(0, ...points.map((p) => p.runnerDelayMs)),
    cpuPct: Math.max(0, ...points.map((p) => p.runnerCpuPct ?? 0)),
    machineBusyPct: busy.length ? Math.round((busy.reduce((a, b) => a + b, 0) / busy.length) * 10) / 10 : 0,
    seconds: points.length,
    sharedMachine,
  };
}

/**
 * The delay to discount: the runner's worst, when it is material; all of it (Infinity) when the
 * machine it shares with the target was starved; 0 for a healthy runner.
 */
export function discountMs(load: Pick<RunnerLoad, 'delayMs' | 'machineBusyPct' | 'sharedMachine'>, t: Thresholds): number {
  if (load.sharedMachine && load.machineBusyPct >= MACHINE_SATURATED_PCT) return Infinity;
  return load.delayMs > t.p95Ms * SATURATION_SHARE ? load.delayMs : 0;
}

export function describeRunner(load: RunnerLoad): string {
  return `the runner's event loop ran up to ${Math.round(load.delayMs)} ms late (per-second p99), its CPU reached ${Math.round(load.cpuPct)} % of a core, `
    + `the machine${load.sharedMachine ? ' (which also hosts the target)' : ''} was ${Math.round(load.machineBusyPct)} % busy on average`;
}

function discountLatency(l: LatencySummary, ms: number): LatencySummary {
  const d = (v: number) => Math.max(0, Math.round((v - ms) * 10) / 10);
  return { ...l, p50Ms: d(l.p50Ms), p90Ms: d(l.p90Ms), p95Ms: d(l.p95Ms), p99Ms: d(l.p99Ms), maxMs: d(l.maxMs), meanMs: d(l.meanMs) };
}

function discountCounts<T extends { counts: Partial<Record<OutcomeClass, number>>; errors: number; requests: number }>(x: T): T {
  const counts = { ...x.counts };
  let removed = 0;
  for (const c of RUNNER_CLASSES) { removed += counts[c] ?? 0; counts[c] = 0; }
  const errors = x.errors - removed;
  return { ...x, counts, errors, errorRate: x.requests ? errors / x.requests : 0 };
}

/** The figures as the target alone could have produced them, at best. */
export function discountFigures(f: LoadFigures, ms: number): LoadFigures {
  if (ms <= 0) return f;
  return {
    ...discountCounts(f), latency: discountLatency(f.latency, ms),
    perEndpoint: f.perEndpoint.map((e) => ({ ...e, latency: discountLatency(e.latency, ms) })),
  };
}

/** A step without the runner's own delay in that step (when material). */
export function discountStep(s: StepFigures, t: Thresholds, sharedMachine = false): StepFigures {
  const ms = discountMs({ delayMs: s.runnerDelayMs ?? 0, machineBusyPct: s.machineBusyPct ?? 0, sharedMachine }, t);
  return ms <= 0 ? s : { ...discountCounts(s), latency: discountLatency(s.latency, ms) };
}

export function discountStress(s: StressFigures, t: Thresholds): StressFigures {
  const shared = s.sharedMachine ?? false;
  return {
    ...s,
    steps: s.steps.map((x) => discountStep(x, t, shared)),
    overload: s.overload ? discountStep(s.overload, t, shared) : null,
    recovery: s.recovery.map((p) => {
      const ms = discountMs({ delayMs: p.runnerDelayMs, machineBusyPct: p.machineBusyPct ?? 0, sharedMachine: shared }, t);
      return ms <= 0 ? p : { ...p, p50Ms: Math.max(0, p.p50Ms - ms), p95Ms: Math.max(0, p.p95Ms - ms), p99Ms: Math.max(0, p.p99Ms - ms), maxMs: Math.max(0, p.maxMs - ms) };
    }),
  };
}

export type Decision = 'pass' | 'fail' | 'saturated';

/** Pass when nothing breached; fail when a breach survives the runner's discount; else the runner's. */
export function decide(measured: Judgement, discounted: Judgement): Decision {
  const failing = (j: Judgement) => j.findings.some((f) => !f.advisory);
  if (!failing(measured)) return 'pass';
  return failing(discounted) ? 'fail' : 'saturated';
}
