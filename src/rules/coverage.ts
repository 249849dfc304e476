import type { ContractRule, Strength } from './types';
import { CONTRACT_RULES } from './index';

/**
 * Rule coverage, derived from the three lists and nothing else (style.md #14): the rules, the
 * checks' `rules`, and the faults' `rules` + `checks`. A rule is
 * - covered when at least one check declares it;
 * - proven by a fault when the fault declares the rule AND turns red a check that declares it.
 *   `fault.checks ∩ checks testing the rule` alone is not enough: a fault that breaks AUTH-2 turns
 *   INT-JWT-* red, and those checks also declare AUTH-3 — that does not make the fault a proof of
 *   AUTH-3. The fault must say which rule it breaks, and a check testing that rule must go red.
 */
export interface CheckRules { id: string; rules?: readonly string[] }
export interface FaultRules { checks: readonly string[]; rules?: readonly string[] }

export interface RuleCoverage {
  id: string;
  kind: ContractRule['kind'];
  strength: Strength;
  section: string;
  text: string;
  /** Checks that declare the rule. */
  checks: string[];
  /** Faults that declare the rule and turn one of those checks red. */
  faults: string[];
}

export interface CoverageSummary {
  rules: number;
  covered: number;
  proven: number;
  /** MUST rules and documented errors (SHOULD documented errors included: each is a row of §6). */
  required: { total: number; covered: number; proven: number };
  uncovered: string[];
  unproven: string[];
}

export function ruleCoverage(checks: readonly CheckRules[], faults: Record<string, FaultRules>): RuleCoverage[] {
  const checksByRule = new Map<string, string[]>();
  for (const check of checks) {
    for (const rule of check.rules ?? []) checksByRule.set(rule, [...(checksByRule.get(rule) ?? []), check.id]);
  }
  return CONTRACT_RULES.map((rule) => {
    const testing = checksByRule.get(rule.id) ?? [];
    const proving = Object.entries(faults)
      .filter(([, f]) => (f.rules ?? []).includes(rule.id) && f.checks.some((c) => testing.includes(c)))
      .map(([name]) => name);
    return { id: rule.id, kind: rule.kind, strength: rule.strength, section: rule.section, text: rule.text, checks: testing, faults: proving };
  });
}

/** Required coverage: every MUST rule and every documented error (issue 10). */
export const isRequired = (r: Pick<RuleCoverage, 'kind' | 'strength'>): boolean => r.strength === 'MUST' || r.kind === 'documented-error';

export function summarize(coverage: readonly RuleCoverage[]): CoverageSummary {
  const required = coverage.filter(isRequired);
  return {
    rules: coverage.length,
    covered: coverage.filter((r) => r.checks.length > 0).length,
    proven: coverage.filter((r) => r.faults.length > 0).length,
    required: {
      total: required.length,
      covered: required.filter((r) => r.checks.length > 0).length,
      proven: required.filter((r) => r.faults.length > 0).length,
    },
    uncovered: required.filter((r) => r.checks.length === 0).map((r) => r.id),
    unproven: required.filter((r) => r.faults.length === 0).map((r) => r.id),
  };
}
