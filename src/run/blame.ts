import type { CheckDef } from '../checks/define';
import type { Finding } from '../evidence/types';
import { getContractRule } from '../rules/index';

/**
 * The criteria a red check counts against: those of the contract rules its findings broke
 * (src/rules), so a 500 met by a JWT probe blames error handling (ERR-5 → IT-API-4) and not the
 * JWT criterion. A finding without a known rule, or a red outcome without findings (an error),
 * counts against the check's own criteria. Undefined when that is all it counts against.
 */
export function countsAgainst(def: Pick<CheckDef, 'criteria'>, findings: readonly Finding[]): string[] | undefined {
  const breaches = findings.filter((f) => !f.advisory);
  if (breaches.length === 0) return undefined;
  const blamed = new Set<string>();
  for (const f of breaches) {
    const rule = f.rule ? getContractRule(f.rule) : undefined;
    for (const c of rule && rule.criteria.length > 0 ? rule.criteria : def.criteria) blamed.add(c);
  }
  const list = [...blamed];
  const same = list.length === def.criteria.length && list.every((c) => def.criteria.includes(c));
  return same ? undefined : list;
}
