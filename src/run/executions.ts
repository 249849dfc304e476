import type { CheckDef } from '../checks/define';
import type { CheckResult } from '../evidence/types';
import type { RegionTarget } from '../profile/target';

/** One execution: a check on one region (per-region checks run once per region). */
export interface Execution {
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

export function baseOf(x: Execution): Omit<CheckResult, 'status' | 'durationMs' | 'message'> {
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

export function notRun(x: Execution): CheckResult {
  return { ...baseOf(x), status: 'skipped', durationMs: 0, message: 'Not run: the run was interrupted before this check started.' };
}

/** A check that never ran (per-region checks as one entry: the regions were never known). */
export function notStarted(def: CheckDef, message: string): CheckResult {
  return {
    id: def.id, layer: def.layer, title: def.title, criteria: [...def.criteria], region: null, endpoint: def.endpoint ?? null,
    status: 'skipped', durationMs: 0, message, measurements: {}, evidence: [],
  };
}
