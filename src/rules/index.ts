import type { ContractRule } from './types';
import { HTTP_RULES } from './http-rules';
import { AUTH_RULES } from './auth-rules';
import { DOMAIN_RULES } from './domain-rules';
import { OPS_RULES, SECURITY_RULES } from './ops-rules';
import { DOCUMENTED_ERRORS } from './documented-errors';
import { isCriterionId } from '../criteria/registry';

/**
 * The contract's rules as data: every rule id of gx-contract.md §1–§17 and every documented error
 * of §6, in contract order. Typed data in the repo (the shared contract is read only by the test
 * that proves this list complete), so a run never depends on a file beside the checkout.
 */
export const CONTRACT_RULES: readonly ContractRule[] = [
  ...HTTP_RULES, ...AUTH_RULES, ...DOMAIN_RULES, ...OPS_RULES, ...SECURITY_RULES, ...DOCUMENTED_ERRORS,
];

const byId = new Map<string, ContractRule>();
for (const r of CONTRACT_RULES) {
  if (byId.has(r.id)) throw new Error(`duplicate contract rule id ${r.id}`);
  const unknown = r.criteria.filter((c) => !isCriterionId(c));
  if (unknown.length > 0) throw new Error(`contract rule ${r.id} names unknown criteria: ${unknown.join(', ')}`);
  byId.set(r.id, r);
}

export function getContractRule(id: string): ContractRule | undefined {
  return byId.get(id);
}

export function isContractRuleId(id: string): boolean {
  return byId.has(id);
}

/** The documented errors of one endpoint (`#1`, `I4`), in contract order. */
export function documentedErrorsOf(endpoint: string): ContractRule[] {
  return DOCUMENTED_ERRORS.filter((r) => r.endpoint === endpoint);
}

export { DOCUMENTED_ERRORS };
export type { ContractRule, Strength } from './types';
