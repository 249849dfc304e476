import type { CheckResult } from '../evidence/types';
import type { Waiver } from '../profile/target';
import { CRITERIA } from './registry';
import { applyRule } from './rules';
import type { Criterion, CriterionResult } from './types';

export interface EvaluateOptions {
  regions: string[];
  /** Regions reached through an edge; defaults to none. */
  edgeRegions?: string[];
  /** Waivers from the profile (plus the built-in sandbox list when the target is the sandbox). */
  waivers: Array<Waiver & { onlyNotEvaluated?: boolean }>;
  criteria?: readonly Criterion[];
}

/**
 * Criteria results from check results. A check is linked to a criterion when its `criteria`
 * field names it. A waiver turns fail or not-evaluated into `waived`, keeping what it replaced
 * in the reason; a passing criterion stays pass.
 */
export function evaluateCriteria(results: CheckResult[], opts: EvaluateOptions): CriterionResult[] {
  const waivers = new Map(opts.waivers.map((w) => [w.criterion, w]));
  return (opts.criteria ?? CRITERIA).map((criterion) => {
    const linked = results.filter((r) => r.criteria.includes(criterion.id));
    const outcome = applyRule(criterion.rule, linked, { regions: opts.regions, edgeRegions: opts.edgeRegions ?? [] });
    const waiver = waivers.get(criterion.id);
    const base = {
      id: criterion.id,
      group: criterion.group,
      statement: criterion.statement,
      blocking: criterion.blocking,
      checks: linked.map((r) => r.id),
    };
    const applies = waiver && (waiver.onlyNotEvaluated ? outcome.status === 'not-evaluated' : outcome.status !== 'pass');
    if (waiver && applies) {
      return {
        ...base,
        status: 'waived' as const,
        reason: `Waived by ${waiver.approvedBy}: ${waiver.reason} (would be ${outcome.status}: ${outcome.reason})`,
      };
    }
    return { ...base, status: outcome.status, reason: outcome.reason };
  });
}
