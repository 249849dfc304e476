import type { FaultSpec } from './spec';

/**
 * Faults proven by the security layer's part 2 (issue 14): the active probe families, the passive
 * rules over every answer, and the vulnerability scan. Each is read at one guarded spot.
 */

/** Faults of the regional edges: each changes one thing in the generated nginx config. */
export const PROBE_EDGE_FAULTS = {
  'edge-trace-enabled': { part: 'edge', rules: ['SEC-HDR-2'], breaks: 'The edge answers TRACE (and TRACK) with 200, echoing the request back.', checks: ['SEC-PROBE-HEADERS'] },
  'edge-crlf-header': { part: 'edge', rules: ['SEC-HDR-3'], breaks: 'The edge adds X-Original-URI from the decoded path ($uri), so an encoded CR/LF in the path becomes a header of its answer.', checks: ['SEC-PROBE-HEADERS'] },
  'edge-default-page': { part: 'edge', rules: ['EDGE-6'], breaks: 'The edge serves nginx\'s default welcome page at / and a directory listing under /static/.', checks: ['SEC-PASSIVE-EDGE-PAGES'] },
} as const satisfies Record<string, FaultSpec>;

export const PROBE_FAULTS = {
  'sqli-search': { part: 'services', rules: ['SEC-INJ-1'], breaks: '#5 (a wallet\'s transactions) concatenates the `offset` query parameter into its SQL, unvalidated.', checks: ['SEC-PROBE-SQLI'] },
  'nosql-operator': { part: 'services', rules: ['SEC-INJ-2'], breaks: '#1 accepts an object as `toUserId` and treats it as a filter that matches any wallet.', checks: ['SEC-PROBE-NOSQL'] },
  'prototype-pollution': { part: 'services', rules: ['SEC-PP-1'], breaks: 'Request bodies are deep-merged into a shared options object without guarding __proto__/constructor keys; answers are built from it.', checks: ['SEC-PROBE-POLLUTION'] },
  'login-enumeration-timing': { part: 'services', rules: ['SEC-AUTH-1'], breaks: 'I1 runs bcrypt only for known emails: an unknown email is answered at once (a timing tell).', checks: ['SEC-PROBE-AUTH'] },
  'login-no-throttle': { part: 'services', rules: ['SEC-AUTH-2'], breaks: 'I1 never throttles failed logins for an email (no 429 after 10 failures).', checks: ['SEC-PROBE-AUTH'], advisory: true },
  'jwt-kid-injection': { part: 'services', rules: ['SEC-JWT-1'], breaks: 'A token\'s `kid` header names a key file, read relative to a keys folder without confinement (../../dev/null gives an empty HMAC key).', checks: ['SEC-PROBE-JWT'] },
  'body-limits-off': { part: 'services', rules: ['SEC-DOS-1'], breaks: 'No nesting or array limit on JSON bodies: a valid body carrying a 10 000-deep object or a 100 000-element array in an unknown field is accepted (a mutation survivor: the probes never sent one inside a valid body).', checks: ['SEC-PROBE-RESOURCES'] },
  'deep-json-crash': { part: 'services', rules: ['SEC-DOS-1'], breaks: 'A recursive body sanitizer without a depth limit runs before validation: a deeply nested body overflows the stack and answers 500.', checks: ['SEC-PROBE-RESOURCES'] },
  'host-header-links': { part: 'services', rules: ['SEC-HDR-1'], breaks: 'Answers carry a `Link` header built from X-Forwarded-Host or Host (http://<host>/...).', checks: ['SEC-PROBE-HEADERS', 'SEC-PASSIVE-MIXED-CONTENT'] },
  'x-powered-by': { part: 'services', rules: ['SEC-PASSIVE-1'], breaks: 'The services send `X-Powered-By: Express 5` and a version banner in `Server`.', checks: ['SEC-PASSIVE-VERSION'] },
  'auth-answers-cacheable': { part: 'services', rules: ['SEC-PASSIVE-1'], breaks: 'Authenticated answers carry `Cache-Control: public, max-age=300` instead of no-store.', checks: ['SEC-PASSIVE-CACHE'] },
  'insecure-cookie': { part: 'services', rules: ['SEC-PASSIVE-1'], breaks: 'The services set a session cookie without Secure, HttpOnly or SameSite.', checks: ['SEC-PASSIVE-COOKIES'] },
  'debug-errors': { part: 'services', rules: ['ERR-3'], breaks: 'The services\' unknown-route answers carry a debug block: a stack trace, the last SQL statement and the service\'s internal address.', checks: ['SEC-PASSIVE-LEAKS'] },
  'vulnerable-dependency': { part: 'config', rules: ['SEC-VULN-1'], breaks: 'The sandbox SBOM lists minimist 1.2.5, which has a critical advisory (GHSA-xvch-5gv4-984h) in the recorded advisory answers.', checks: ['SEC-VULN-DEPS'] },
  ...PROBE_EDGE_FAULTS,
} as const satisfies Record<string, FaultSpec>;
