import type { CheckResult } from '../../src/evidence/types';
import type { Target } from '../../src/profile/target';
import { checks as integration } from '../../suites/integration/index';
import { checks as security } from '../../suites/security/index';
import type { Part } from './parts';

/** The slow sweeps last: most mutants are killed by a targeted check long before them. */
const LAST = new Set(['INT-VALIDATION-FUZZ', 'INT-ERROR-LEAK', 'INT-AUTHZ-ROLES', 'INT-BOUNDARIES']);

const CANDIDATES = [...integration, ...security];

/** The checks that judge a part's mutants, targeted checks first. */
export function checksFor(part: Part): string[] {
  const selected = CANDIDATES.filter(part.selects).map((c) => c.id);
  return [...selected.filter((id) => !LAST.has(id)), ...selected.filter((id) => LAST.has(id))];
}

/** Checks of the `after` phase: they judge every exchange of their run, so each run includes them. */
export function afterPhase(ids: readonly string[]): string[] {
  return ids.filter((id) => CANDIDATES.find((c) => c.id === id)?.phase === 'after');
}

/** The check an execution id belongs to (`INT-X` or, run per region, `INT-X-<region>`). */
export function checkOf(executionId: string, ids: readonly string[]): string | undefined {
  return ids.filter((id) => executionId === id || executionId.startsWith(`${id}-`)).sort((a, b) => b.length - a.length)[0];
}

export const isRed = (r: CheckResult): boolean => r.status === 'fail' || r.status === 'error' || r.status === 'blocked';

/** A shared, loaded runner answers slowly: generous limits, so only a mutant makes a check red. */
export const patient = (target: Target): Target => ({ ...target, timeouts: { ...target.timeouts, requestMs: 60_000, checkMs: 300_000 } });

export const firstLine = (r: CheckResult): string => `${r.id}: ${r.message.split('\n')[0].slice(0, 300)}`;
