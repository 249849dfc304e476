import type { FaultSpec } from './spec';

/** Faults of the core sandbox (services and database): issue-2 defects guarded by integration checks. */
export const CORE_FAULTS = {
  // --- authentication (services, sandbox/services/kit/auth) ---
  'auth-alg-none': { part: 'services', breaks: 'Access tokens signed with alg "none" are accepted.', checks: ['INT-JWT-ALG-NONE'] },
  'auth-expired-accepted': { part: 'services', breaks: 'Expired access tokens are accepted.', checks: ['INT-JWT-EXPIRED'] },
  'auth-no-exp-accepted': { part: 'services', breaks: 'Access tokens without an exp claim are accepted.', checks: ['INT-JWT-NO-EXP'] },
  'auth-wrong-audience-accepted': { part: 'services', breaks: 'The aud claim is not checked.', checks: ['INT-JWT-WRONG-AUD'] },
  'auth-refresh-as-access': { part: 'services', breaks: 'Refresh tokens are accepted as access tokens.', checks: ['INT-JWT-REFRESH-AS-ACCESS'] },
  'auth-logout-no-revoke': { part: 'services', breaks: 'Logout (I3) answers 200 but does not revoke the refresh token.', checks: ['INT-JWT-REVOKED-REFRESH'] },
  // --- authorization ---
  'role-not-enforced': { part: 'services', breaks: 'Admin-only commands (#6, #7, #17, #22, #38) are open to any role.', checks: ['INT-AUTHZ-ROLES'] },
  'ownership-skipped': { part: 'services', breaks: '#3 serves the wallet balance of any user, not only the caller\'s.', checks: ['INT-AUTHZ-OWNERSHIP', 'INT-DOCERR-E03'] },
  'existence-leak': { part: 'services', breaks: '#19 answers 403 for another user\'s existing loan but 404 for an unknown one.', checks: ['INT-AUTHZ-EXISTENCE-LEAK'] },
  // --- validation and errors ---
  'validation-5xx': { part: 'services', breaks: 'A non-numeric amount in #1 reaches the database and answers 500.', checks: ['INT-VALIDATION-FUZZ'] },
  'error-leak': { part: 'services', breaks: 'Server errors carry the database driver\'s text, and path ids are not length-checked.', checks: ['INT-ERROR-LEAK', 'SEC-ERROR-LEAK', 'INT-ANSWERS-LEAKS', 'INT-BOUNDARIES'], rules: ['ERR-3', 'VAL-3'] },
  'bigint-500': { part: 'services', breaks: 'Serializing a bigint block number throws, so #5 answers 500 for a wallet with ledger transactions.', checks: ['INT-CONTRACT-E05'] },
  'empty-state-500': { part: 'services', breaks: 'A missing read-model row in the admin queries (#32, #33, #34) answers 500 instead of 404.', checks: ['INT-ERRORS-E33', 'INT-ERRORS-E34', 'INT-DOCERR-E33', 'INT-DOCERR-E34'] },
  'mass-assignment': { part: 'services', breaks: 'Unknown body fields of a command are stored in the outbox payload.', checks: ['INT-VALIDATION-MASS-ASSIGNMENT'] },
  'idempotency-off': { part: 'services', breaks: 'X-Idempotency-Key is ignored: a replay inserts a second outbox row.', checks: ['INT-IDEMPOTENCY-REPLAY'] },
  'envelope-drift': { part: 'services', breaks: 'Unknown routes answer 404 with another envelope shape ({statusCode, msg}).', checks: ['INT-UNKNOWN-ROUTE'] },
  'health-depends-on-db': { part: 'services', breaks: '/health and /livez query the database first and answer 503 while it is unreachable.', checks: ['INT-READYZ-DB'], rules: ['RDY-5'] },
  'metrics-raw-unmatched-route': { part: 'services', breaks: 'A request no route matched is counted under its raw path as the route label (ids included) instead of one shared value.', checks: ['INT-INFRA-METRICS'], rules: ['MET-2'] },
  'readyz-ignores-db': { part: 'services', breaks: '/readyz answers 200 while the database is unreachable.', checks: ['INT-READYZ-DB'] },
  'schema-drift': { part: 'database', breaks: 'The KycStatus enum value EXPIRED is renamed (a contract enum value is missing).', checks: ['INT-DB-SCHEMA'] },
} as const satisfies Record<string, FaultSpec>;
