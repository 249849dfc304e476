import type { FaultSpec } from './spec';

/** Faults of the services' token and idempotency handling (sandbox/services/kit), guarded by the JWT and idempotency checks. */
export const AUTH_FAULTS = {
  // --- token verification (sandbox/services/kit/auth.ts) ---
  'auth-signature-unchecked': {
    part: 'services',
    breaks: 'Tokens are decoded but their signature and algorithm are not verified (so alg "none" passes too).',
    checks: ['INT-JWT-BAD-SIGNATURE', 'INT-JWT-ALG-CONFUSION', 'INT-JWT-ALG-NOT-ALLOWLISTED', 'INT-JWT-ALG-NONE'],
  },
  'auth-claims-unchecked': {
    part: 'services',
    breaks: 'The nbf and iss claims of access tokens are ignored (only exp and aud are checked).',
    checks: ['INT-JWT-NBF-FUTURE', 'INT-JWT-WRONG-ISS'],
  },
  'auth-payload-unchecked': {
    part: 'services',
    breaks: 'The role, profileId and tenantId claims are taken from the token without validation.',
    checks: ['INT-JWT-BAD-PAYLOAD'],
  },
  'auth-header-lenient': {
    part: 'services',
    breaks: 'A request without a usable bearer token (no header, other scheme, empty bearer, not a JWT) is served as a guest USER instead of 401.',
    checks: ['INT-JWT-NO-HEADER', 'INT-JWT-WRONG-SCHEME', 'INT-JWT-EMPTY-BEARER', 'INT-JWT-GARBAGE'],
  },
  'auth-secret-mismatch': {
    part: 'services',
    breaks: 'The services verify access tokens with a rotated secret svc-identity does not sign with, so valid tokens get 401.',
    checks: ['INT-JWT-VALID-ACCEPTED', 'INT-IDEMPOTENCY-REPLAY', 'INT-IDEMPOTENCY-CONFLICT', 'INT-IDEMPOTENCY-KEY-FORMAT'],
  },
  // --- refresh (sandbox/services/identity/auth-routes.ts) ---
  'auth-refresh-accepts-access': {
    part: 'services',
    breaks: '/auth/refresh (I2) accepts an access token as a refresh token.',
    checks: ['INT-JWT-ACCESS-AT-REFRESH'],
  },
  // --- idempotency (sandbox/services/kit/idempotency.ts) ---
  'idempotency-ignores-body': {
    part: 'services',
    breaks: 'A reused X-Idempotency-Key with another body replays the first answer instead of 422.',
    checks: ['INT-IDEMPOTENCY-CONFLICT'],
  },
  'idempotency-key-unchecked': {
    part: 'services',
    breaks: 'X-Idempotency-Key values of any length and characters are accepted instead of 400.',
    checks: ['INT-IDEMPOTENCY-KEY-FORMAT'],
  },
} as const satisfies Record<string, FaultSpec>;
