import type { ContractRule } from './types';
import { all, API, ERRORS, NETPOL, OWASP, rule, SECRETS, TLS } from './define';

/** §9 health and readiness, §10 metrics, §11 serialization, §12 edge, §13.2 network policy, §14 fixtures, §15 logs. */
export const OPS_RULES: ContractRule[] = [
  rule('RDY-1', '9', 'database unhealthy when a trivial query fails or takes over 2 s.', ['FUNC-1']),
  rule('RDY-2', '9', 'projectionLag unhealthy when the projector row is missing, its heartbeat or lag exceeds the threshold, or the check fails.', ['FUNC-1', 'FUNC-2', 'OPS-2']),
  rule('RDY-3', '9', '200 ready when both checks are healthy, else 503 not_ready.', ['FUNC-1']),
  rule('RDY-4', '9', 'An idle ledger with a running projector is ready.', ['FUNC-1']),
  rule('RDY-5', '9', '/health and /livez depend on nothing external.', ['FUNC-1']),
  rule('WRK-1', '9', 'outbox-submitter /health document; 503 when the database is unreachable or polling stopped.', ['FUNC-1', 'FUNC-2']),
  rule('WRK-2', '9', 'projector /health document; 503 when the database or stream is down, or stalled.', ['FUNC-1', 'FUNC-2']),
  rule('WRK-3', '9', 'Worker HTTP servers answer GET /health and /metrics; anything else → 404 E1.', all(['FUNC-2'], ERRORS)),
  rule('MET-1', '10', 'Metric names exactly as listed, no prefix.', ['OPS-1', 'OPS-2']),
  rule('MET-2', '10', 'route label is the template (no raw ids); status numeric (class accepted); /metrics not counted.', ['OPS-1']),
  rule('MET-3', '10', 'Metrics scraped in-cluster only, never served through the public edge.', ['FUNC-6', 'SEC-2']),

  rule('SER-1', '11', 'JSON in UTF-8.', API),
  rule('SER-2', '11', 'Money values are decimal strings (≤ 9 fraction digits, no exponent, no +).', API),
  rule('SER-3', '11', 'Big integers are decimal strings, null when unknown.', API),
  rule('SER-4', '11', 'Timestamps are ISO-8601 UTC with milliseconds.', API),
  rule('SER-5', '11', 'Counts and small integers are JSON numbers; booleans JSON booleans.', API),
  rule('SER-6', '11', 'Computed money rounded half-up to 9 digits; stored numeric(36,9), never float.', all(API, ['FUNC-3'])),

  rule('EDGE-1', '12', 'Port 80 serves ACME and redirects everything else 301 to https://api.gxcoin.money.', ['FUNC-5', 'SEC-3']),
  rule('EDGE-2', '12', 'Port 443 HTTP/1.1 and HTTP/2 with a valid, trusted certificate and full chain.', TLS),
  rule('EDGE-3', '12', 'TLS 1.2/1.3 only, ECDHE+AEAD suites, server preference, no compression, secure renegotiation.', TLS),
  rule('EDGE-4', '12', 'HSTS (≥ 1 year, includeSubDomains, preload) and security headers exactly once; no version.', all(['SEC-3'], OWASP)),
  rule('EDGE-5', '12', 'Prefix routing to the seven services with the prefix stripped.', ['FUNC-4', 'IT-API-1']),
  rule('EDGE-6', '12', 'A prefix matches only as a whole segment; other paths → 404 E1 from the edge.', all(['FUNC-4'], ERRORS)),
  rule('EDGE-7', '12', '/<prefix>/metrics and dot-segments are not served publicly (404 E1).', all(['FUNC-6'], OWASP)),
  rule('EDGE-8', '12', 'Edge /health document with each backend up/down; 200 only when all are up.', ['FUNC-4', 'PERF-4']),
  rule('EDGE-9', '12', 'Client IP from the trusted proxy header only from trusted ranges; client XFF ignored.', OWASP),
  rule('EDGE-10', '12', 'Forwarded headers: Host, X-Real-IP, X-Forwarded-For/Proto/Host, X-Request-Id.', ['FUNC-4']),
  rule('EDGE-11', '12', 'Rate limits, 413 over 10 MB, 504 after 60 s, 502/503 when unavailable — all E1.', all(ERRORS, ['PT-STRESS-3'])),
  rule('EDGE-12', '12', 'The edge reaches services only through the ingress controller.', NETPOL),

  rule('NP-0', '13.2', 'A default-deny policy selects every pod for ingress and egress.', NETPOL),
  rule('NP-1', '13.2', 'Every pod → kube-system DNS, UDP/TCP 53.', NETPOL),
  rule('NP-2', '13.2', 'API and worker pods → PostgreSQL, TCP 5432.', NETPOL),
  rule('NP-3', '13.2', 'API and worker pods → Redis, TCP 6379.', NETPOL),
  rule('NP-4', '13.2', 'API pods → API pods, TCP 3001–3007.', NETPOL),
  rule('NP-5', '13.2', 'Worker pods → Fabric peers, TCP 7051.', NETPOL),
  rule('NP-6', '13.2', 'Worker pods → Fabric orderers, TCP 7050.', NETPOL),
  rule('NP-7', '13.2', 'Ingress-controller namespace → API pods, TCP 3001–3007.', NETPOL),
  rule('NP-8', '13.2', 'Monitoring namespace → API pods and worker metrics ports.', all(NETPOL, ['FUNC-6'])),
  rule('NP-9', '13.2', 'Nothing else in or out; database and Redis never reachable from outside.', NETPOL),
  rule('NP-10', '13.2', 'Schema migration runs in a pod covered by NP-1 and NP-2.', NETPOL),

  rule('FIX-1', '14', 'A usable user is a profile plus one wallet; treasuries and org wallets by profileId; bootstrapped = ACTIVE.', ['FUNC-3']),
  rule('FIX-2', '14', 'Seeded rows respect every enum and unique key; onChainTxId unique per tenant.', ['FUNC-3']),
  rule('LOG-1', '15', 'Logs are structured JSON and never contain secrets, tokens, passwords, hashes or Authorization.', SECRETS),
];

/** §17 rules for attack probes. */
export const SECURITY_RULES: ContractRule[] = [
  rule('SEC-INJ-1', '17', 'Injection payloads are rejected (400) or literal text: no 5xx, driver text, other rows, or added latency.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-INJ-2', '17', 'An object or array where a scalar is expected → 400; it never matches anything.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-PP-1', '17', '__proto__, constructor, prototype keys are unknown fields; they never change any answer.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-DOS-1', '17', 'Deep nesting, huge arrays, overlong strings → 400/413 within 2 s; others served meanwhile.', all(OWASP, ['ST-PENTEST', 'PT-STRESS-3'])),
  rule('SEC-HDR-1', '17', 'No absolute URL or redirect built from Host or forwarded headers.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-HDR-2', '17', 'TRACE/TRACK → 405/404 E1; method-override headers ignored.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-HDR-3', '17', 'CR/LF never reflected into headers; ambiguous framing → 400 at the edge.', all(OWASP, ['ST-PENTEST'])),
  rule('SEC-AUTH-1', '17', 'I1 answers unknown email and wrong password identically, medians within 50 ms.', all(['IT-API-2'], OWASP, ['ST-PENTEST'])),
  rule('SEC-AUTH-2', '17', 'After 10 failed logins for an email in 15 min, I1 answers 429 with Retry-After.', all(['IT-API-2'], OWASP), 'SHOULD'),
  rule('SEC-JWT-1', '17', 'kid/jku/x5u/jwk/x5c never choose or fetch a key.', all(['IT-API-2'], OWASP, ['ST-PENTEST'])),
  rule('SEC-JWT-2', '17', 'Tokens of SUSPENDED/CLOSED/deleted users work only on queries; commands → 403 "Account is inactive".', all(['IT-API-2'], OWASP)),
  rule('SEC-PASSIVE-1', '17', 'No version disclosure; authenticated answers Cache-Control: no-store; cookies Secure, HttpOnly, SameSite.', OWASP),
  rule('SEC-VULN-1', '17', 'No known high/critical vulnerability in dependencies or images unless waived with id, reason, expiry.', OWASP),
];

