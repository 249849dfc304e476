import type { FaultSpec } from './spec';
import { PROBE_EDGE_FAULTS } from './probe-faults';

/** Faults of the regional nginx edges (sandbox/edge): each changes one thing in the generated nginx config. */
export const EDGE_FAULTS = {
  'edge-tls10': { part: 'edge', breaks: 'TLS 1.0 and 1.1 are enabled, with their CBC suites (grade capped to B).', checks: ['SEC-TLS-GRADE', 'SEC-TLS-PROTOCOLS', 'SEC-TLS-CIPHERS'] },
  'edge-weak-cipher': { part: 'edge', breaks: 'A CBC suite with 1024-bit finite-field DH (DHE-RSA-AES128-SHA) is offered on TLS 1.2 (grade capped to B).', checks: ['SEC-TLS-GRADE', 'SEC-TLS-CIPHERS'] },
  'edge-no-hsts': { part: 'edge', breaks: 'Strict-Transport-Security is not sent (grade A, not A+).', checks: ['SEC-TLS-GRADE', 'SEC-HEADERS'] },
  'edge-short-hsts': { part: 'edge', breaks: 'Strict-Transport-Security has max-age=86400 (one day).', checks: ['SEC-TLS-GRADE', 'SEC-HEADERS'] },
  'edge-expired-cert': { part: 'edge', breaks: 'The edge serves a leaf certificate whose validity ended in 2024 (grade T).', checks: ['SEC-TLS-GRADE', 'SEC-TLS-CERT'] },
  'edge-wrong-name-cert': { part: 'edge', breaks: 'The edge serves a leaf certificate for another host name (grade M).', checks: ['SEC-TLS-GRADE', 'SEC-TLS-CERT'] },
  'edge-no-redirect': { part: 'edge', breaks: 'Port 80 serves the API in plain HTTP instead of redirecting to HTTPS.', checks: ['SEC-HTTPS-REDIRECT'] },
  'edge-duplicate-headers': { part: 'edge', breaks: 'The services\' security headers pass through beside the edge\'s own, and X-Frame-Options is sent twice with conflicting values.', checks: ['SEC-HEADERS'] },
  // Its knock-on effects (the edge /health then reports every backend down, as EDGE-8 requires) are `blocked` by the routing checks.
  'edge-prefix-not-stripped': { part: 'edge', breaks: 'Requests reach the services with the public prefix still on the path (/identity/api/v1/...).', checks: ['SEC-EDGE-ROUTES', 'INT-EDGE-ROUTING'] },
  'edge-metrics-exposed': { part: 'edge', breaks: 'The /<prefix>/metrics refusal is missing: each service\'s /metrics is served publicly through its prefix.', checks: ['SEC-EDGE-CLOSED-PATHS'], rules: ['EDGE-7', 'MET-3'] },
  'edge-no-rate-limit': { part: 'edge', breaks: 'The per-client-IP limit of 10 r/s with burst 20 is not applied.', checks: ['SEC-RATE-LIMIT'] },
  'edge-429-no-retry-after': { part: 'edge', rules: ['RL-2'], breaks: 'The edge\'s 429 carries no Retry-After header.', checks: ['SEC-RATE-LIMIT'] },
  'edge-health-limited': { part: 'edge', rules: ['RL-3'], breaks: 'The edge /health shares the per-client-IP rate limit of the API paths.', checks: ['SEC-RATE-LIMIT'] },
  'edge-trusts-client-xff': { part: 'edge', rules: ['EDGE-9'], breaks: 'Every peer is a trusted proxy: the client\'s own X-Forwarded-For becomes its address, so rotating it evades the rate limit.', checks: ['SEC-RATE-LIMIT'] },
  'edge-html-413': { part: 'edge', rules: ['EDGE-11'], breaks: 'A body over 10 MB gets nginx\'s default HTML 413 page instead of the E1 envelope.', checks: ['SEC-EDGE-BODY-LIMIT'] },
  'edge-static-health': { part: 'edge', breaks: 'The edge /health is a static 200 that ignores its backends.', checks: ['SEC-EDGE-HEALTH'] },
} as const satisfies Record<string, FaultSpec>;

/** Edge faults of every list (issue 14 adds its own in probe-faults.ts): nginx reloads on any of them. */
export type EdgeFaultName = keyof typeof EDGE_FAULTS | keyof typeof PROBE_EDGE_FAULTS;
export const EDGE_FAULT_NAMES = [...Object.keys(EDGE_FAULTS), ...Object.keys(PROBE_EDGE_FAULTS)] as EdgeFaultName[];
