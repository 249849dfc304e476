import type { FindingSink, ObservationSink } from '../checks/define';
import type { Finding, Observed } from '../evidence/types';

/**
 * The runner's side of `ctx.findings` and `ctx.observe`: they live outside the check, so what a
 * check found survives its time limit, an abort or an unexpected throw.
 */
export class FindingList implements FindingSink {
  private readonly items: Finding[] = [];
  add(finding: Finding): void {
    this.items.push(finding);
  }
  list(): readonly Finding[] {
    return this.items;
  }
  get failing(): number {
    return this.items.filter((f) => !f.advisory).length;
  }
}

export class Observations implements ObservationSink {
  private judgedCount = 0;
  private unusableCount = 0;
  private readonly kinds: Record<string, number> = {};
  private touched = false;

  judged(n = 1): void {
    this.touched = true;
    this.judgedCount += n;
  }
  unusable(kind: string, n = 1): void {
    this.touched = true;
    this.unusableCount += n;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + n;
  }
  /** Null when the check recorded no observation at all (it does not track them). */
  snapshot(): Observed | null {
    if (!this.touched) return null;
    return {
      judged: this.judgedCount,
      unusable: this.unusableCount,
      ...(this.unusableCount > 0 ? { unusableKinds: { ...this.kinds } } : {}),
    };
  }
}

/** "edge 404 ×18, timeout ×2", most frequent first. */
export function describeUnusable(observed: Observed): string {
  const kinds = Object.entries(observed.unusableKinds ?? {}).sort((a, b) => b[1] - a[1]);
  return kinds.map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'nothing usable';
}

/**
 * Why a pass is not a pass: the check judged fewer exchanges than it needs (default 1 once it
 * records observations). Null when it exercised enough.
 */
export function notExercised(observed: Observed | null, minJudged: number | undefined): string | null {
  if (!observed) return null;
  const needed = minJudged ?? 1;
  if (observed.judged >= needed) return null;
  const total = observed.judged + observed.unusable;
  return `could not exercise: ${observed.judged} of ${total} exchange(s) could be judged (needs ${needed}); `
    + `came back instead: ${describeUnusable(observed)}.`;
}
