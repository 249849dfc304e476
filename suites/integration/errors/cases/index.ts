import { IDENTITY_CASES } from './identity';
import { TOKENOMICS_CASES } from './tokenomics';
import { ORGANIZATION_CASES } from './organization';
import { ADMIN_CASES, GOVERNANCE_CASES, LOANPOOL_CASES, TAX_CASES } from './others';
import type { CaseTable } from './types';

/** One case per documented error of §6, keyed by its rule id (#32's "before bootstrap" lives in INT-EMPTY-STATE). */
export const DOC_ERROR_CASES: CaseTable = {
  ...IDENTITY_CASES, ...TOKENOMICS_CASES, ...ORGANIZATION_CASES, ...LOANPOOL_CASES, ...GOVERNANCE_CASES, ...ADMIN_CASES, ...TAX_CASES,
};

/** Documented errors provoked by another check, and which. */
export const PROVOKED_ELSEWHERE: Record<string, string> = {
  '#32:404:status-not-found': 'INT-EMPTY-STATE (needs a state before bootstrap: sandbox only, run alone)',
};

export type { DocErrorCase, CaseTable } from './types';
