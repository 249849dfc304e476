export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Failure ratio that opens the breaker (OUT-9: 0.5). */
  failureRatio: number;
  /** Minimum calls in the window before the ratio counts (OUT-9: 5). */
  minCalls: number;
  /** Rolling window length. */
  windowMs: number;
  /** Time an open breaker waits before letting one trial call through (OUT-9: 30 s). */
  openMs: number;
  now?: () => number;
}

export const BREAKER_DEFAULTS: BreakerOptions = { failureRatio: 0.5, minCalls: 5, windowMs: 60_000, openMs: 30_000 };

/**
 * Ledger circuit breaker (OUT-9). Only ledger unavailability counts as a failure (transport errors,
 * timeouts); a peer that answers with a business refusal is a working ledger. While OPEN the worker
 * claims nothing, so an open breaker never consumes attempts.
 */
export class CircuitBreaker {
  private calls: Array<{ at: number; ok: boolean }> = [];
  private openedAt = 0;
  private current: BreakerState = 'CLOSED';
  successes = 0;
  failures = 0;
  openCount = 0;
  lastFailure: string | undefined;

  constructor(private readonly opts: BreakerOptions = BREAKER_DEFAULTS) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  get state(): BreakerState {
    if (this.current === 'OPEN' && this.now() - this.openedAt >= this.opts.openMs) this.current = 'HALF_OPEN';
    return this.current;
  }

  /** May the worker claim and call the ledger now? HALF_OPEN lets calls through as trials. */
  allows(): boolean {
    return this.state !== 'OPEN';
  }

  record(ok: boolean, failure?: string): void {
    const at = this.now();
    if (ok) this.successes++;
    else {
      this.failures++;
      this.lastFailure = failure ?? 'ledger call failed';
    }
    if (this.state === 'HALF_OPEN') {
      if (ok) this.close();
      else this.open(at);
      return;
    }
    this.calls.push({ at, ok });
    this.calls = this.calls.filter((c) => at - c.at <= this.opts.windowMs);
    const failed = this.calls.filter((c) => !c.ok).length;
    if (this.calls.length >= this.opts.minCalls && failed / this.calls.length >= this.opts.failureRatio) this.open(at);
  }

  private open(at: number): void {
    this.current = 'OPEN';
    this.openedAt = at;
    this.openCount++;
    this.calls = [];
  }

  private close(): void {
    this.current = 'CLOSED';
    this.calls = [];
  }

  snapshot(): { state: BreakerState; successes: number; failures: number; openCount: number; lastFailure?: string } {
    return {
      state: this.state, successes: this.successes, failures: this.failures, openCount: this.openCount,
      ...(this.lastFailure !== undefined ? { lastFailure: this.lastFailure } : {}),
    };
  }
}
