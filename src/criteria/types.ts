import type { CheckResult } from '../evidence/types';

export const CRITERION_GROUPS = ['functional', 'performance', 'security', 'operational'] as const;
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

/**
 * `out-of-scope`: the run's verdict scope (`run --gate`, `--criteria`) leaves the criterion out; it
 * is shown, never hidden, and never counted as pass.
 */
export const CRITERION_STATUSES = ['pass', 'fail', 'not-evaluated', 'waived', 'out-of-scope'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/** Where the criterion comes from in the seed (contract §16). */
export type CriterionSource = 'success-criteria' | 'performance-testing' | 'integration-checklist' | 'security-checklist';

/**
 * How linked check results become a status. Every rule starts from the default one
 * (any fail/error → fail; nothing ran → not-evaluated) and may demand more evidence.
 */
export type Rule =
  | { kind: 'default' }
  /** Evidence from every region of the target (or every edge region), and at least `minRegions` of them. */
  | { kind: 'all-regions'; minRegions?: number; edgesOnly?: boolean }
  /**
   * The linked checks can prove this criterion false but never true: a failure fails it, and
   * otherwise it stays not-evaluated, saying what evidence is `missing` (e.g. a 7-day history).
   */
  | { kind: 'supporting-only'; missing: string }
  /** Passing checks must cover each of these endpoint ids (check `endpoint` field). */
  | { kind: 'endpoint-coverage'; endpoints: readonly string[] };

/**
 * Evidence a criterion cannot pass without (issue 9): passing results of the named checks (base
 * ids or `*` globs), optionally from every region / every edge region of the target. Missing →
 * `not-evaluated` saying what was missing, never `pass`.
 */
export interface Essential {
  checks: string;
  regions?: 'any' | 'all' | 'all-edges';
  /** The passing matches must cover each of these endpoint ids (check `endpoint` field). */
  endpoints?: readonly string[];
  /** Why this evidence is needed, in words for the report. */
  why: string;
}

export interface Criterion {
  id: string;
  /** Essential evidence; the criterion is not-evaluated without all of it. */
  essential?: readonly Essential[];
  group: CriterionGroup;
  /** Verbatim from the seed. */
  statement: string;
  source: CriterionSource;
  /** Seed area for checklist items ("API Integration"), the requirement heading otherwise. */
  area: string;
  blocking: boolean;
  rule: Rule;
}

export interface CriterionResult {
  id: string;
  group: CriterionGroup;
  statement: string;
  blocking: boolean;
  status: CriterionStatus;
  /** Ids of the check executions that gave evidence (per-region ids included). */
  checks: string[];
  reason: string;
}

/** What a rule sees besides the results: the target's regions. */
export interface RuleContext {
  regions: string[];
  /** The regions reached through an edge (GeoDNS targets). */
  edgeRegions: string[];
}

export type RuleOutcome = { status: Exclude<CriterionStatus, 'waived'>; reason: string };
export type RuleFn = (linked: CheckResult[], ctx: RuleContext) => RuleOutcome;
