import type { ContractRule } from './types';
import { all, API, ERRORS, OWASP, rule, SECRETS } from './define';

/** §1 services and §2 HTTP conventions: SVC, HTTP, RESP, ERR, HDR, CORS. */
export const HTTP_RULES: ContractRule[] = [
  rule('SVC-1', '1', 'Port from the service variable, else PORT, else the default; 1000–65535.', ['FUNC-1']),
  rule('SVC-2', '1', 'Configuration validated at start; invalid configuration exits non-zero before listening.', ['FUNC-1']),
  rule('SVC-3', '1', 'SIGTERM/SIGINT: stop accepting, finish in-flight requests (≤ 10 s), close the pool, exit 0.', ['FUNC-1', 'OPS-4']),
  rule('SVC-4', '1', 'Each service answers only its own routes.', API),
  rule('SVC-5', '1', 'Every API service serves /health, /readyz, /livez and /metrics.', ['FUNC-1', 'IT-API-1']),

  rule('HTTP-1', '2.1', 'JSON object bodies only: other content type → 400/415, array or primitive → 400; empty body is {}.', ERRORS),
  rule('HTTP-2', '2.1', 'Malformed JSON → 400 E1 "Malformed JSON in request body", no parser internals.', ERRORS),
  rule('HTTP-3', '2.1', 'Body over 10 MB → 413 E1 "Request body too large".', all(ERRORS, ['SEC-2'])),
  rule('HTTP-4', '2.1', 'Unknown path → 404 E1 "Route <METHOD> <path> not found"; wrong method → that 404 or 405 with Allow.', ERRORS),
  rule('HTTP-5', '2.1', 'GET routes answer HEAD; one trailing slash tolerated; unknown query parameters ignored.', API),
  rule('HTTP-6', '2.1', 'Every body is application/json; charset=utf-8 (except /metrics and edge redirects).', API),
  rule('HTTP-7', '2.1', 'X-Request-Id echoed when valid (1–128 of [A-Za-z0-9._-]), generated otherwise.', API, 'SHOULD'),
  rule('RESP-1', '2.1', 'No answer contains passwordHash, biometricHash, the JWT secret, credentials, or foreign tokens.', all(SECRETS, ['ST-OWASP'])),

  rule('ERR-1', '2.2', 'Every 4xx/5xx of services, workers and edge is the E1 envelope {error, message}; never HTML.', ERRORS),
  rule('ERR-2', '2.2', 'No other top-level error keys than error, message, requestId.', ERRORS, 'SHOULD'),
  rule('ERR-3', '2.2', 'message never carries stack traces, SQL, driver text, file paths, internal hosts, secrets, tokens or hashes.', all(ERRORS, SECRETS, ['ST-OWASP'])),
  rule('ERR-4', '2.2', 'Unknown path object → 404 (never 500) unless the route says otherwise; unknown body entity → 400.', ERRORS),
  rule('ERR-5', '2.2', 'No client input produces a 5xx; 503 only for an unreachable dependency, 500 only for unexpected failures.', ERRORS),
  rule('ERR-6', '2.2', 'Check order: body, authentication, role, idempotency key, shape/ownership, existence, state rules.', all(ERRORS, ['IT-API-3'])),
  rule('ERR-7', '2.2', 'A rejected request writes nothing: no outbox row, no read-model change, no idempotency record.', all(ERRORS, ['IT-DB-3'])),

  rule('HDR-1', '2.3', 'Service security headers (CSP, nosniff, SAMEORIGIN, no-referrer, COOP, CORP); no X-Powered-By.', OWASP),
  rule('HDR-2', '2.3', 'HSTS set by the edge; a service sends it only with the edge\'s exact value.', OWASP),
  rule('CORS-1', '2.3', 'Only the exact ALLOWED_ORIGINS get CORS; empty means no Access-Control-Allow-Origin at all.', OWASP),
  rule('CORS-2', '2.3', 'Allowed origin echoed with Vary: Origin and credentials; never * with credentials.', OWASP),
  rule('CORS-3', '2.3', 'Preflight from an allowed origin → 204 with the listed methods and headers; others get none.', OWASP),
];
