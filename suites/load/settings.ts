import type { CheckContext } from '../../src/checks/define';
import type { LoadSettings, RegionTarget, Target } from '../../src/profile/target';

/**
 * The load settings of a run: the profile's `load` section (defaults: the seed's durations), or
 * with `run --quick` the same scenarios in short phases (users unchanged), never go/no-go grade.
 */
export const DEFAULT_LOAD: LoadSettings = {
  scenarios: ['load-100', 'endpoints', 'stress-500'],
  users: 100, thinkTimeMs: 1_000, readRatio: 0.9, rampS: 30, holdS: 600, sourceAddresses: 'auto',
  endpoints: { durationS: 600, users: 100, groupSize: 1, maxWrites: 100, hashingRatePerS: 2 },
  stress: { steps: [50, 100, 200, 300, 400, 500], stepS: 60, overloadS: 30, recoveryS: 60, recoveryBoundS: 30 },
  soak: { durationS: 3_600, users: 100 },
};

/** The seed's duration per endpoint (PT-LOAD-2). */
export const SEED_ENDPOINT_S = 600;
/** The edge's upstream timeout (EDGE-11): nothing under stress may take longer. */
export const EDGE_TIMEOUT_MS = 60_000;

export interface EffectiveLoad extends LoadSettings {
  quick: boolean;
}

export function loadSettings(ctx: Pick<CheckContext, 'target' | 'quick'>): EffectiveLoad {
  const base = ctx.target.load ?? DEFAULT_LOAD;
  if (!ctx.quick) return { ...base, quick: false };
  return {
    ...base, quick: true,
    rampS: Math.min(base.rampS, 2), holdS: Math.min(base.holdS, 5),
    endpoints: { ...base.endpoints, durationS: Math.min(base.endpoints.durationS, 2), groupSize: Math.max(base.endpoints.groupSize, 4) },
    stress: {
      ...base.stress, stepS: Math.min(base.stress.stepS, 3), overloadS: Math.min(base.stress.overloadS, 3),
      recoveryS: Math.min(base.stress.recoveryS, 8), recoveryBoundS: Math.min(base.stress.recoveryBoundS, 6),
    },
    soak: { ...base.soak, durationS: Math.min(base.soak.durationS, 10) },
  };
}

/** Region for the single-region scenarios: the profile's choice, else the first edge region, else the first. */
export function scenarioRegion(target: Target, named: string | undefined): RegionTarget {
  return target.regions.find((r) => r.name === named) ?? target.regions.find((r) => r.edgeUrl) ?? target.regions[0];
}

/** What the report says about how representative the phases were. */
export function grade(s: EffectiveLoad, target?: Target): string {
  if (s.quick) return 'quick (run --quick: shortened phases, not go/no-go grade)';
  if (target?.sandboxControl) return 'sandbox profile phases (seconds, not go/no-go grade)';
  return s.holdS >= SEED_ENDPOINT_S ? 'as the profile asks (seed durations)' : `as the profile asks (hold ${s.holdS} s)`;
}
