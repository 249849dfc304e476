import type { Target } from '../profile/target';

/**
 * The profile's `allowLoad` caps, shared by every load scenario of a run: a request budget and a
 * budget of load seconds. A scenario asks for its planned time up front and takes one request at
 * a time; when either runs out it stops by itself and says so.
 */
export class LoadBudget {
  private requestsLeft: number;
  private secondsLeft: number;

  constructor(readonly maxRequests: number, readonly maxDurationS: number) {
    this.requestsLeft = maxRequests;
    this.secondsLeft = maxDurationS;
  }

  get requestsUsed(): number {
    return this.maxRequests - this.requestsLeft;
  }

  /** Reserve load time; returns the seconds granted (maybe fewer than asked, maybe 0). */
  reserveSeconds(wanted: number): number {
    const granted = Math.max(0, Math.min(wanted, this.secondsLeft));
    this.secondsLeft -= granted;
    return granted;
  }

  /** Give back what a scenario did not use. */
  refundSeconds(unused: number): void {
    this.secondsLeft = Math.min(this.maxDurationS, this.secondsLeft + Math.max(0, unused));
  }

  takeRequest(): boolean {
    if (this.requestsLeft <= 0) return false;
    this.requestsLeft--;
    return true;
  }
}

const budgets = new WeakMap<Target, LoadBudget>();

/** The run's budget (one per Target); null when the profile does not allow load. */
export function budgetOf(target: Target): LoadBudget | null {
  if (!target.allowLoad) return null;
  let budget = budgets.get(target);
  if (!budget) budgets.set(target, (budget = new LoadBudget(target.allowLoad.maxRequests, target.allowLoad.maxDurationS)));
  return budget;
}
