import type { RequestPlan } from './request';
import type { SourcePlan } from './sources';
import type { LoadBudget } from './budget';

/**
 * A scenario ready to run: phases in order, the request mix, where load comes from, and the
 * caps. Closed phases give virtual users (with think time); open phases give an arrival rate.
 */
export interface Phase {
  name: string;
  durationMs: number;
  /** Closed model: virtual users at the end of the phase. */
  vus?: number;
  /** Closed model: ramp linearly from the previous phase's users instead of jumping. */
  ramp?: boolean;
  /** Closed model: mean think time between a user's requests (uniform ±50 %). */
  thinkTimeMs?: number;
  /** Open model: requests started per second, whatever the answers do. */
  rate?: number;
}

export interface ScenarioPlan {
  name: string;
  model: 'closed' | 'open';
  phases: Phase[];
  /** The next request of a user (closed) or of the schedule (open: `vu` is the send index). */
  pick(vu: number, iteration: number): RequestPlan;
  sources: SourcePlan;
  requestTimeoutMs: number;
  /** Open model: sends in flight beyond which a due send is dropped (counted, not timed). */
  maxInFlight?: number;
  budget: LoadBudget | null;
  /** Called once a second with the seconds elapsed (samplers: projector lag, probes). */
  onSecond?(elapsedS: number, phase: string): void;
}

export function plannedMs(plan: Pick<ScenarioPlan, 'phases'>): number {
  return plan.phases.reduce((s, p) => s + p.durationMs, 0);
}

/** The phase at `elapsed` ms and the users (closed) or rate (open) wanted right then. */
export function phaseAt(phases: readonly Phase[], elapsed: number): { phase: Phase; index: number; vus: number } | null {
  let start = 0;
  let previousVus = 0;
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i];
    if (elapsed < start + p.durationMs) {
      const target = p.vus ?? 0;
      const vus = p.ramp ? Math.round(previousVus + (target - previousVus) * ((elapsed - start) / p.durationMs)) : target;
      return { phase: p, index: i, vus };
    }
    start += p.durationMs;
    previousVus = p.vus ?? previousVus;
  }
  return null;
}
