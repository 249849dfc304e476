import type { CheckContext } from '../../../src/checks/define';
import type { Measurement } from '../../../src/evidence/types';

/**
 * Pacing-aware request budgets (issue 15.4). Through an edge every check shares the client's
 * paced rate (RL-1), so a check with hundreds of cases cannot send them all within its time limit.
 * Instead of timing out, it sends its cases in a spread order (round-robin over endpoints, so any
 * prefix is a fair sample) while the deadline allows, and says in its measurements how many it
 * sent and why it stopped.
 */

/** Round-robin over groups (e.g. endpoints): every group is represented before any gets a second case. */
export function spread<T>(items: readonly T[], key: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  const lists = [...groups.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

/** What a budget reads to stop early: nothing judged after this many unusable answers means nothing will be. */
export interface Tally { judgedSoFar: number; unusableSoFar: number }
export const GIVE_UP_AFTER = 12;

export class Budget {
  private sent = 0;
  private withheld = 0;
  private gaveUp = false;
  private readonly started = Date.now();

  /**
   * `reserveMs`: time kept back for requests already in flight (waiting in the pacer's queue, then
   * answering within the request timeout). Default: one request timeout plus 3 s.
   * `tally`: the check's observations; when the first answers are all unusable (nothing routed,
   * a dead service) the rest are not sent — they would say the same, slowly.
   */
  constructor(private readonly ctx: CheckContext, private readonly opts: { reserveMs?: number; tally?: Tally } = {}) {}

  /** True (and counted) when one more request still fits before the check's deadline. */
  take(): boolean {
    const reserve = this.opts.reserveMs ?? this.ctx.limits.requestMs + 3000;
    const t = this.opts.tally;
    if (t && t.judgedSoFar === 0 && t.unusableSoFar >= GIVE_UP_AFTER) this.gaveUp = true;
    if (!this.gaveUp && Date.now() + reserve < this.ctx.limits.deadline && !this.ctx.signal.aborted) {
      this.sent++;
      return true;
    }
    this.withheld++;
    return false;
  }

  /** Requests sent so far. */
  get sentCount(): number {
    return this.sent;
  }

  /**
   * What `Problems.finish` needs from a sampling check: judged answers for half of what was sent
   * (and at least the check's `floor`), and the sampling note for the message when it falls short.
   */
  need(floor: number, noun = 'cases'): { minJudged: number; sampling: string | null } {
    return { minJudged: Math.max(floor, this.sent / 2), sampling: this.note(noun) };
  }

  get sampled(): boolean {
    return this.withheld > 0;
  }

  /** "sampled 40 of 124 cases (2.1 r/s through the edge); the rest did not fit the 60 s limit", or null when all were sent. */
  note(noun = 'cases'): string | null {
    if (!this.sampled) return null;
    if (this.gaveUp) return `stopped after ${this.sent} of ${this.sent + this.withheld} ${noun}: none of the first ${GIVE_UP_AFTER} answers could be judged`;
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const where = this.ctx.region.edgeUrl ? ' through the edge' : '';
    return `sampled ${this.sent} of ${this.sent + this.withheld} ${noun} (${(this.sent / seconds).toFixed(1)} r/s${where}); `
      + `the rest did not fit the ${Math.round(this.ctx.limits.checkMs / 1000)} s limit`;
  }

  measurements(): Record<string, Measurement> {
    return this.sampled ? { sent: this.sent, notSent: this.withheld, sampling: this.note() } : { sent: this.sent };
  }
}
