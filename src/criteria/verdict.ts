import type { CriterionResult } from './types';

export type Verdict = 'GO' | 'NO-GO';

/**
 * GO only when every blocking criterion in scope is pass or waived, and the run completed:
 * a partial run (interrupted, a layer crashed) is never GO. Pure: writes nothing.
 */
export function verdict(criteria: CriterionResult[], complete = true): Verdict {
  if (!complete) return 'NO-GO';
  const ok = criteria.every((c) => !c.blocking || c.status === 'pass' || c.status === 'waived' || c.status === 'out-of-scope');
  return ok ? 'GO' : 'NO-GO';
}

/** The blocking criteria that stand in the way of a GO, for one-line summaries. */
export function blockers(criteria: CriterionResult[]): CriterionResult[] {
  return criteria.filter((c) => c.blocking && c.status !== 'pass' && c.status !== 'waived' && c.status !== 'out-of-scope');
}
