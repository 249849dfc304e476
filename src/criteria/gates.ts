import type { CheckDef } from '../checks/define';
import { LAYERS, type Layer } from '../evidence/types';
import { matchesGlob } from './essential';
import { CRITERION_IDS } from './registry';

/**
 * Verdict scope (issue 13 "gate scope"): a merge gate that runs the integration and security
 * layers judges the criteria those layers can evaluate; everything else is shown as
 * `out-of-scope`, never hidden and never counted as pass. Built-in gates, plus any the profile
 * defines (`gates: { name: { layers, criteria } }`).
 */
export interface GateSpec {
  /** Layers the gate runs when `--layers` does not say otherwise. */
  layers?: Layer[];
  /** Criterion ids or globs (`IT-*`); absent: the criteria the gate's layers give evidence for. */
  criteria?: string[];
  description?: string;
}

export const BUILT_IN_GATES: Readonly<Record<string, GateSpec>> = {
  merge: {
    layers: ['integration', 'security', 'e2e'],
    description: 'every merge: the criteria the integration, security and e2e layers evaluate',
  },
  'nightly-load': { layers: ['load'], description: 'nightly regional load: the load criteria' },
  'pre-launch': { layers: [...LAYERS], criteria: ['*'], description: 'the go/no-go review: every criterion' },
};

export interface VerdictScope {
  /** The gate's name, or null for a bare `--criteria` selection. */
  name: string | null;
  criteria: string[];
  layers: Layer[];
  description?: string;
}

export function criteriaMatching(globs: readonly string[]): string[] {
  return CRITERION_IDS.filter((id) => globs.some((g) => matchesGlob(id, g)));
}

/** The criteria the given checks give evidence for, in registry order. */
export function criteriaOfChecks(checks: readonly CheckDef[]): string[] {
  const linked = new Set(checks.flatMap((c) => c.criteria));
  return CRITERION_IDS.filter((id) => linked.has(id));
}

/**
 * The scope of a run. `checks` are the checks of the gate's layers; `--criteria` narrows a gate,
 * or alone selects criteria. Throws (with the known names) on an unknown gate or a selection
 * that matches nothing.
 */
export function resolveScope(opts: {
  gate?: string;
  criteria?: string[];
  profileGates?: Readonly<Record<string, GateSpec>>;
  checksOf: (layers: readonly Layer[]) => readonly CheckDef[];
  layers?: Layer[];
}): VerdictScope | null {
  if (!opts.gate && !opts.criteria?.length) return null;
  let scope: VerdictScope;
  if (opts.gate) {
    const spec = opts.profileGates?.[opts.gate] ?? BUILT_IN_GATES[opts.gate];
    if (!spec) {
      const known = [...Object.keys(BUILT_IN_GATES), ...Object.keys(opts.profileGates ?? {})];
      throw new Error(`Unknown gate "${opts.gate}"; the gates are ${[...new Set(known)].join(', ')}.`);
    }
    const layers = opts.layers ?? spec.layers ?? [...LAYERS];
    const criteria = spec.criteria ? criteriaMatching(spec.criteria) : criteriaOfChecks(opts.checksOf(layers));
    scope = { name: opts.gate, criteria, layers, ...(spec.description ? { description: spec.description } : {}) };
  } else {
    scope = { name: null, criteria: [...CRITERION_IDS], layers: opts.layers ?? [...LAYERS] };
  }
  if (opts.criteria?.length) {
    const selected = new Set(criteriaMatching(opts.criteria));
    scope = { ...scope, criteria: scope.criteria.filter((id) => selected.has(id)) };
  }
  if (scope.criteria.length === 0) {
    throw new Error(`The verdict scope${scope.name ? ` of gate "${scope.name}"` : ''} holds no criterion${opts.criteria?.length ? ` (--criteria ${opts.criteria.join(',')})` : ''}.`);
  }
  return scope;
}
