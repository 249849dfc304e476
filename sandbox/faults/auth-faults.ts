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

/**
 * Faults of issue 10's auth, idempotency and command-id rules (sandbox/services/identity, kit,
 * governance, loanpool); each names the rules it breaks. Kept apart from AUTH_FAULTS, whose every
 * entry test/integration/auth-faults.test.ts runs against the whole JWT and idempotency set: these
 * are proven in test/contract-depth/scopes.test.ts.
 */
export const AUTH_RULE_FAULTS = {
  'login-role-default': {
    part: 'services', breaks: 'I1 issues both tokens with the default role USER, whatever role the profile holds.',
    checks: ['INT-AUTH-LOGIN-CLAIMS'], rules: ['AUTH-5'],
  },
  'logout-ends-access': {
    part: 'services', breaks: 'Logout (I3) also ends the user\'s access tokens: I5 answers them 401 before their exp.',
    checks: ['INT-AUTH-LOGOUT-ACCESS'], rules: ['AUTH-8'],
  },
  'idempotency-post-only': {
    part: 'services', breaks: 'X-Idempotency-Key is honoured on POST only: a PATCH (I6) replayed under its key runs again.',
    checks: ['INT-IDEMPOTENCY-SERVICES'], rules: ['IDEM-1'],
  },
  'idempotency-in-progress-ignored': {
    part: 'services', breaks: 'A request whose key is still in progress is run as a request of its own instead of 409.',
    checks: ['INT-IDEMPOTENCY-IN-PROGRESS'], rules: ['IDEM-6'],
  },
  'voter-from-body': {
    part: 'services', breaks: '#21 takes the voter from a voterId body field when one is sent, not from the token.',
    checks: ['INT-AUTHZ-ACTING-USER'], rules: ['AUTHZ-4', 'GOV-1'],
  },
  'loan-id-unprefixed': {
    part: 'services', breaks: '#16 names loans with a bare cuid instead of loan-<borrowerId>-<suffix>.',
    checks: ['INT-COMMAND-IDS'], rules: ['LOAN-1'],
  },
  'proposal-id-unprefixed': {
    part: 'services', breaks: '#20 names proposals with a bare cuid instead of proposal-<targetParam>-<suffix>.',
    checks: ['INT-COMMAND-IDS'], rules: ['GOV-1'],
  },
  // --- ids a route assigns (sandbox/services/identity, organization) ---
  'profile-id-not-uuid': {
    part: 'services', breaks: 'I4 assigns a cuid as the new profile\'s profileId instead of a UUID.',
    checks: ['E2E-JOURNEY-USER'], rules: ['ID-2'],
  },
  'pending-tx-id-without-org': {
    part: 'services', breaks: '#12 names the multi-signature transaction multisig-<suffix>, without the orgId the form multisig-<orgId>-<suffix> requires.',
    checks: ['E2E-JOURNEY-MULTISIG'], rules: ['ORG-1'],
  },
  // --- which wallet a route reads (sandbox/services/tokenomics) ---
  'frozen-cannot-receive': {
    part: 'services', breaks: '#1 refuses a transfer to a frozen wallet (400 "Receiver wallet is frozen").',
    checks: ['INT-WALLET-FROZEN-RECEIVES'], rules: ['TOK-5'],
  },
  'treasury-id-lowercase': {
    part: 'services', breaks: '#4 looks the treasury up as profileId treasury_<cc> in lower case, so it finds none.',
    checks: ['INT-WALLET-TREASURY'], rules: ['TOK-2'],
  },
  'primary-wallet-newest': {
    part: 'services', breaks: '#3 reads the newest wallet of the profile instead of the earliest created one.',
    checks: ['INT-WALLET-PRIMARY'], rules: ['TOK-1'],
  },
  // --- tenancy (sandbox/services/kit/route.ts, governance, tokenomics) and counters (admin) ---
  'public-tenant-from-header': {
    part: 'services', breaks: 'Public routes take the tenant from an X-Tenant-Id request header when one is sent.',
    checks: ['INT-TENANCY-ISOLATION'], rules: ['TEN-2'],
  },
  'proposals-any-tenant': {
    part: 'services', breaks: '#23 and #24 read proposals of every tenant (their tenant filter is dropped).',
    checks: ['INT-TENANCY-ISOLATION'], rules: ['TEN-3'],
  },
  'balance-any-tenant': {
    part: 'services', breaks: '#3 looks the wallet up by profileId in every tenant, not in the token\'s.',
    checks: ['INT-TENANCY-ISOLATION'], rules: ['TEN-1', 'TEN-3'],
  },
  'counters-count-deleted': {
    part: 'services', breaks: '#36 totalUsers counts deleted profiles too.',
    checks: ['INT-COUNTERS-READ-MODEL'], rules: ['ADM-1'],
  },
} as const satisfies Record<string, FaultSpec>;
