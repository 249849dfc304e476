import type { CheckResult } from '../evidence/types';
import type { Waiver } from '../profile/target';
import { missingEssentials } from './essential';
import { CRITERIA } from './registry';
import { applyRule } from './rules';
import type { Criterion, CriterionResult, RuleOutcome } from './types';

export interface EvaluateOptions {
  regions: string[];
  /** Regions reached through an edge; defaults to none. */
  edgeRegions?: string[];
  /** Waivers from the profile (plus the built-in sandbox list when the target is the sandbox). */
  waivers: Array<Waiver & { onlyNotEvaluated?: boolean }>;
  criteria?: readonly Criterion[];
  /** The verdict scope (`run --gate`, `--criteria`): criterion ids judged; others are `out-of-scope`. */
  scope?: { name: string | null; criteria: readonly string[] } | null;
}

/**
 * The results a criterion hears from. A red result counts against the criteria of the rules its
 * findings broke (`countsAgainst`); for its other declared criteria it is no evidence either way
 * (shown as inconclusive, like a skip), so a 500 met by a JWT check blames error handling only.
 */
function linkedTo(criterion: string, results: CheckResult[]): CheckResult[] {
  return results.flatMap((r): CheckResult[] => {
    const red = r.status === 'fail' || r.status === 'error' || r.status === 'blocked';
    const against = r.countsAgainst ?? r.criteria;
    if (red && against.includes(criterion)) return [r];
    if (!r.criteria.includes(criterion)) return [];
    if (!red) return [r];
    return [{ ...r, status: 'skipped', message: `Inconclusive here: its ${r.status} counts against ${against.join(', ')} (the rules it broke).` }];
  });
}

/** A pass needs the criterion's essential evidence too. */
function withEssentials(criterion: Criterion, outcome: RuleOutcome, results: CheckResult[], ctx: { regions: string[]; edgeRegions: string[] }): RuleOutcome {
  if (outcome.status !== 'pass') return outcome;
  const missing = missingEssentials(criterion.essential, results, ctx);
  if (missing.length === 0) return outcome;
  return { status: 'not-evaluated', reason: `Essential evidence missing: ${missing.join('; ')}. (${outcome.reason})` };
}

/**
 * Criteria results from check results. A check is linked to a criterion when its `criteria`
 * field names it. A waiver turns fail or not-evaluated into `waived`, keeping what it replaced
 * in the reason; a passing criterion stays pass.
 */
export function evaluateCriteria(results: CheckResult[], opts: EvaluateOptions): CriterionResult[] {
  const waivers = new Map(opts.waivers.map((w) => [w.criterion, w]));
  const ctx = { regions: opts.regions, edgeRegions: opts.edgeRegions ?? [] };
  const inScope = opts.scope ? new Set(opts.scope.criteria) : null;
  return (opts.criteria ?? CRITERIA).map((criterion) => {
    const linked = linkedTo(criterion.id, results);
    const outcome = withEssentials(criterion, applyRule(criterion.rule, linked, ctx), results, ctx);
    const waiver = waivers.get(criterion.id);
    const base = {
      id: criterion.id,
      group: criterion.group,
      statement: criterion.statement,
      blocking: criterion.blocking,
      checks: linked.map((r) => r.id),
    };
    if (inScope && !inScope.has(criterion.id)) {
      const gate = opts.scope?.name ? `gate \`${opts.scope.name}\`` : 'the --criteria selection';
      return { ...base, status: 'out-of-scope' as const, reason: `Outside the verdict scope of ${gate}; its evidence says ${outcome.status}: ${outcome.reason}` };
    }
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
