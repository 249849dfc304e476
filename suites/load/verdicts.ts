import type { LoadFigures } from '../../src/load/evidence';
import { judgeErrors, judgeP95, type Judgement } from '../../src/load/judge';
import { decide, discountFigures, discountMs, type Decision, type RunnerLoad } from '../../src/load/saturation';
import type { Thresholds } from '../../src/profile/target';

/**
 * A judgement taken twice: on the figures as measured, and on the same figures without the
 * runner's own worst delay (and without the errors a late runner can cause). The decision says
 * whether a breach belongs to the target (fail) or only to the runner (saturated).
 */
export interface Verdict {
  measured: Judgement;
  discounted: Judgement;
  decision: Decision;
  runner: RunnerLoad;
  discountMs: number;
}

/** `discount` gives the figures without the runner's delay (called only when that delay is material). */
export function verdictOf<F>(judge: (f: F) => Judgement, f: F, discount: (f: F, ms: number) => F, runner: RunnerLoad, t: Thresholds): Verdict {
  const d = discountMs(runner, t);
  const measured = judge(f);
  const discounted = d > 0 ? judge(discount(f, d)) : measured;
  return { measured, discounted, decision: decide(measured, discounted), runner, discountMs: d };
}

/** LOAD-ERRORS' judgement: the error rate and its classes, and the users the hold phase reached (PT-LOAD-1). */
export function judgeLoadErrors(f: LoadFigures, t: Thresholds, wantedUsers: number): Judgement {
  const j = judgeErrors(f, t);
  if (f.users < wantedUsers) {
    j.findings.push({ rule: null, text: `only ${f.users} of ${wantedUsers} users were active during the hold phase (PT-LOAD-1)` });
  }
  j.measurements.users = f.users;
  j.measurements.usersWanted = wantedUsers;
  return j;
}

/** Both verdicts of a load-100 run. */
export function load100Verdicts(f: LoadFigures, runner: RunnerLoad, t: Thresholds, wantedUsers: number): { p95: Verdict; errors: Verdict } {
  return {
    p95: verdictOf((x) => judgeP95(x, t), f, discountFigures, runner, t),
    errors: verdictOf((x) => judgeLoadErrors(x, t, wantedUsers), f, discountFigures, runner, t),
  };
}

/** The runner's load when one of the verdicts is the runner's, else null (for `remeasured`). */
export function spoiledBy(verdicts: readonly Verdict[]): RunnerLoad | null {
  return verdicts.find((v) => v.decision === 'saturated')?.runner ?? null;
}
