import type { CheckDef } from '../checks/define';
import type { CheckResult } from '../evidence/types';

/**
 * One root cause, one red line (issue 15): a check whose prerequisite failed reports its own
 * fail/error as `blocked` by that prerequisite. Per-region prerequisites are matched on the same
 * region; a prerequisite that is not part of the run blocks nothing.
 */
export interface Ran {
  def: CheckDef;
  /** The region the execution ran on (also for checks that run once). */
  region: string;
  result: CheckResult;
}

const RED = new Set(['fail', 'error', 'blocked']);

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

export function applyBlocking(ran: readonly Ran[]): CheckResult[] {
  const byBase = new Map<string, Ran[]>();
  for (const r of ran) byBase.set(r.def.id, [...(byBase.get(r.def.id) ?? []), r]);

  const prerequisitesOf = (r: Ran): Ran[] => (r.def.dependsOn ?? []).flatMap((dep) => {
    const runs = byBase.get(dep) ?? [];
    const sameRegion = runs.filter((p) => p.region === r.region);
    return sameRegion.length > 0 ? sameRegion : runs.filter((p) => !p.def.perRegion);
  });

  // The root causes behind a result: red prerequisites that are not themselves blocked, followed down.
  // Memoized per result (two paths to one prerequisite lead to the same roots); `path` only stops cycles.
  const memo = new Map<Ran, Ran[]>();
  const rootsOf = (r: Ran, path = new Set<Ran>()): Ran[] => {
    const known = memo.get(r);
    if (known) return known;
    if (path.has(r)) return [];
    path.add(r);
    const red = prerequisitesOf(r).filter((p) => RED.has(p.result.status));
    const roots = [...new Set(red.flatMap((p) => {
      const deeper = rootsOf(p, path);
      return deeper.length > 0 ? deeper : [p];
    }))];
    path.delete(r);
    memo.set(r, roots);
    return roots;
  };

  return ran.map((r) => {
    if (r.result.status !== 'fail' && r.result.status !== 'error') return r.result;
    const roots = [...new Set(rootsOf(r))];
    if (roots.length === 0) return r.result;
    const ids = roots.map((p) => p.result.id);
    // Blocked is no evidence about the rules it met: it leaves its own criteria open, nothing else.
    const { countsAgainst: _, ...result } = r.result;
    return {
      ...result,
      status: 'blocked',
      blockedBy: ids,
      message: `Blocked by ${ids.join(', ')}: ${firstLine(roots[0].result.message)}\n`
        + `This check's own outcome (${r.result.status}), explained by it: ${r.result.message}`,
    };
  });
}
