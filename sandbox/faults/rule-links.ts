/**
 * The contract rules the faults written before the rule registry break (FaultSpec.rules for the
 * lists in the part files), kept here in one table so the part files stay as their owners wrote
 * them; newer faults carry `rules` inline. catalog.ts joins the two; a fault named in both is a
 * defect (test/rules/coverage.test.ts).
 */
export const RULE_LINKS: Record<string, string[]> = {
  // core services
  'auth-alg-none': ['AUTH-2'], 'auth-expired-accepted': ['AUTH-2'], 'auth-no-exp-accepted': ['AUTH-2'], 'auth-wrong-audience-accepted': ['AUTH-2'],
  'auth-refresh-as-access': ['AUTH-3'], 'auth-logout-no-revoke': ['AUTH-7'],
  'role-not-enforced': ['AUTHZ-1'], 'ownership-skipped': ['AUTHZ-2', '#3:403:not-owner'], 'existence-leak': ['AUTHZ-3', '#19:404:loan-not-found'],
  'validation-5xx': ['ERR-5', 'VAL-1'], 'bigint-500': ['SER-3', 'ERR-5'],
  'empty-state-500': ['ERR-4', '#33:404:parameter-not-found', '#34:404:country-not-found'],
  'mass-assignment': ['VAL-2'], 'idempotency-off': ['IDEM-1', 'IDEM-4'], 'envelope-drift': ['HTTP-4', 'ERR-1'], 'readyz-ignores-db': ['RDY-1', 'RDY-3'],
  // auth and idempotency
  'auth-signature-unchecked': ['AUTH-2'], 'auth-claims-unchecked': ['AUTH-2'], 'auth-payload-unchecked': ['AUTH-2'], 'auth-header-lenient': ['AUTH-1'],
  'auth-secret-mismatch': ['AUTH-2'], 'auth-refresh-accepts-access': ['AUTH-3'], 'idempotency-ignores-body': ['IDEM-5'], 'idempotency-key-unchecked': ['IDEM-2'],
  // contract and infrastructure routes
  'error-message-drift': ['VAL-6'], 'infra-routes-missing': ['SVC-5'],
  // edge
  'edge-tls10': ['EDGE-3'], 'edge-weak-cipher': ['EDGE-3'], 'edge-no-hsts': ['EDGE-4'], 'edge-short-hsts': ['EDGE-4'], 'edge-expired-cert': ['EDGE-2'],
  'edge-wrong-name-cert': ['EDGE-2'], 'edge-no-redirect': ['EDGE-1'], 'edge-duplicate-headers': ['EDGE-4'], 'edge-prefix-not-stripped': ['EDGE-5'],
  'edge-no-rate-limit': ['RL-1'], 'edge-static-health': ['EDGE-8'],
  // security
  'cors-wildcard-credentials': ['CORS-2'], 'response-exposes-hash': ['RESP-1'], 'secret-in-config': ['AUTH-4'], 'secret-in-logs': ['LOG-1'],
  // workers
  'submitter-double-claim': ['OUT-2'], 'submitter-no-backoff': ['OUT-6'], 'submitter-wrong-function': ['MAP-1'], 'submitter-stalled': ['OUT-3'],
  'projector-stall': ['PROJ-2'], 'projector-skip-validation-drop': ['PROJ-5'], 'projector-status-casing': ['PROJ-11'], 'projector-checkpoint-early': ['PROJ-3'],
  'projector-drops-effects': ['CMD-3', 'PROJ-2'],
};
