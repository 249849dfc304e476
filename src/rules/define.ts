import type { ContractRule, Strength } from './types';

/**
 * Builders the rule data files share, and the criteria a breach counts against, by family.
 *
 * How a breach maps to criteria (contract §16 "Evidence in this contract" column, read as "what a
 * broken rule says about the deployment"):
 * - API behaviour a client relies on (routes, DTOs, serialization, domain rules) → IT-API-1 "Test
 *   all 39 HTTP endpoints"; error answers (status, envelope, order, documented errors) → IT-API-4
 *   "Confirm error handling".
 * - Token rules (AUTH-*, the JWT attack probes) → IT-API-2 "Verify JWT authentication"; roles,
 *   ownership and tenancy → IT-API-3 "Test authorization rules". Both are also security
 *   vulnerabilities when broken → SEC-2, and OWASP Top-10 items (broken authentication / access
 *   control) → ST-OWASP, whose evidence column names §2, §3, §4 and §17.
 * - Anything that can put a secret into an answer or a log → SEC-4 "Secrets not exposed".
 * - TLS and certificate (EDGE-2/3) → SEC-3 (A+ rating), FUNC-5 (HTTPS) and ST-TLS; the edge's
 *   security headers (EDGE-4) → SEC-3 (A+ needs HSTS), SEC-2 and ST-OWASP.
 * - Outbox and ledger submission (CMD-*, MAP-1, OUT-*) → IT-FAB-1 "Submit command via
 *   outbox-submitter" and IT-FAB-2 "blockchain transaction recorded"; the projector (PROJ-*) →
 *   IT-FAB-3 "event processed by projector" and IT-FAB-4 "read model updated"; atomicity rules
 *   also → IT-DB-3 (ACID); restart and replay rules → OPS-4 (disaster recovery, §16 names PROJ-4
 *   and OUT-5).
 * - Readiness and worker health → FUNC-1 (services healthy) / FUNC-2 (workers operational);
 *   lag rules → FUNC-2 and PERF-2; metrics → OPS-1, and RDY-2's lag signal → OPS-2 (alerting).
 * - Network policy (NP-*, EDGE-12) → SEC-1 and ST-NETPOL.
 * A rule lists every criterion a breach really weakens, no more: a 500 from one endpoint counts
 * against error handling (ERR-5 → IT-API-4), not against the JWT rule the probe was about.
 */
export const API = ['IT-API-1'] as const;
export const ERRORS = ['IT-API-4'] as const;
export const AUTHN = ['IT-API-2', 'SEC-2', 'ST-OWASP'] as const;
export const AUTHZ = ['IT-API-3', 'SEC-2', 'ST-OWASP'] as const;
export const OWASP = ['SEC-2', 'ST-OWASP'] as const;
export const SECRETS = ['SEC-4', 'SEC-2'] as const;
export const OUTBOX = ['IT-FAB-1', 'IT-FAB-2'] as const;
export const PROJECTOR = ['IT-FAB-3', 'IT-FAB-4'] as const;
export const TLS = ['SEC-3', 'FUNC-5', 'ST-TLS'] as const;
export const NETPOL = ['SEC-1', 'ST-NETPOL'] as const;

type Criteria = readonly string[];

/** Joins criteria lists without repeats, in order. */
export const all = (...lists: Criteria[]): string[] => [...new Set(lists.flat())];

/** A numbered rule of the contract (`AUTH-2`). */
export function rule(
  id: string, section: string, text: string, criteria: Criteria, strength: Strength = 'MUST',
): ContractRule {
  return { id, kind: 'rule', section, strength, text, criteria: [...criteria] };
}
