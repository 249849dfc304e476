import type { ContractRule } from './types';
import { all, API, AUTHN, AUTHZ, ERRORS, OWASP, OUTBOX, rule, SECRETS } from './define';

/** §3 authentication, authorization, tenancy; §4 validation; §5 idempotency and rate limiting. */
export const AUTH_RULES: ContractRule[] = [
  rule('AUTH-1', '3.1', 'Access tokens only as Authorization: Bearer; no cookie or query alternative.', AUTHN),
  rule('AUTH-2', '3.1', 'Access token: HMAC allowlisted alg, exp in the future (≤ 30 s tolerance), nbf passed, iss, aud gx-api, typed claims.', AUTHN),
  rule('AUTH-3', '3.1', 'Refresh tokens are never access tokens; access tokens never refresh or log out.', AUTHN),
  rule('AUTH-4', '3.1', 'The JWT secret is never logged, returned or placed in a manifest.', all(SECRETS, ['IT-API-2'])),
  rule('AUTH-5', '3.3', 'I1 issues both tokens with role and tenantId read from the profile.', AUTHN),
  rule('AUTH-6', '3.3', 'I2 accepts only a valid, unrevoked refresh token of an existing user not SUSPENDED or CLOSED.', AUTHN),
  rule('AUTH-7', '3.3', 'I3 revokes the refresh token in a shared store until its exp; I2 with it → 401.', AUTHN),
  rule('AUTH-8', '3.3', 'Logout does not shorten issued access tokens.', ['IT-API-2']),

  rule('AUTHZ-1', '3.4', 'Role from the token only; USER/PARTNER_API have no admin rights; roles never bypass ownership.', AUTHZ),
  rule('AUTHZ-2', '3.5', 'Path-owned routes compare ownership before any lookup: 403 whether or not the object exists.', AUTHZ),
  rule('AUTHZ-3', '3.5', 'A non-owner\'s answer does not depend on whether the object exists.', AUTHZ),
  rule('AUTHZ-4', '3.5', 'The acting user of a command is the token\'s profileId, never a body field.', AUTHZ),
  rule('TEN-1', '3.6', 'Authenticated requests act within the token\'s tenantId.', AUTHZ),
  rule('TEN-2', '3.6', 'Public routes and I1–I4 use the deployment tenant.', AUTHZ),
  rule('TEN-3', '3.6', 'No request reads or writes another tenant\'s rows.', AUTHZ),

  rule('VAL-1', '4', 'Missing, null or ill-typed required field → 400; checks by type and range, never truthiness.', ERRORS),
  rule('VAL-2', '4', 'Unknown body fields never stored or forwarded: outbox payloads hold exactly the §7.2 keys.', all(ERRORS, OWASP, ['IT-FAB-1'])),
  rule('VAL-3', '4', 'Path parameters follow the same rules (ids, countryCode).', ERRORS),
  rule('VAL-4', '4', 'Self-transfer is rejected; a frozen wallet cannot send.', all(ERRORS, API)),
  rule('VAL-5', '4', 'A JSON number is read by its decimal literal.', API),
  rule('VAL-6', '4', 'Missing field → the route\'s "… are required" message; invalid field → its field message.', ERRORS),

  rule('IDEM-1', '5', 'X-Idempotency-Key honoured on POST/PUT/PATCH/DELETE of all seven services.', API),
  rule('IDEM-2', '5', 'Key of 16–128 visible ASCII valid; other → 400 E1 with the IDEM-2 message.', ERRORS),
  rule('IDEM-3', '5', 'Key scoped to (tenant, caller or anonymous, key), kept ≥ TTL in a shared store.', all(API, ['IT-API-3', 'SEC-2'])),
  rule('IDEM-4', '5', 'Same key and request after a 2xx → the original status and body; nothing new written.', all(API, ['IT-DB-3'])),
  rule('IDEM-5', '5', 'Same key, different request → 422 (or 409) E1; nothing written.', ERRORS),
  rule('IDEM-6', '5', 'Same key while the first is in progress → 409 E1; nothing written.', ERRORS),
  rule('IDEM-7', '5', 'Only 2xx outcomes are recorded; after a 4xx/5xx the key is reusable.', API),
  rule('IDEM-8', '5', 'With a key, requestId derives from the caller scope and key; callers\' equal keys never collide.', all(API, OUTBOX)),
  rule('RL-1', '5', 'Each edge limits a client IP to 10 req/s, burst 20, rejecting at once.', all(OWASP, ['PT-STRESS-3'])),
  rule('RL-2', '5', 'A rate-limited request → 429 E1 "Too many requests" with Retry-After ≥ 1.', all(OWASP, ['PT-STRESS-3'])),
  rule('RL-3', '5', 'Client IP per EDGE-9; edge /health and the ACME path are not limited.', OWASP),
  rule('RL-4', '5', 'Services MAY apply their own limits, answering 429 E1 with Retry-After.', OWASP, 'MAY'),
];
