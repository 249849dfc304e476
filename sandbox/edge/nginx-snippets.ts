import { SERVICE_KEYS } from '../../src/catalog/services';
import type { EdgeFaultName } from '../faults/edge-faults';

/** E1 reason phrases (contract §2.2) and the edge's messages for the errors nginx itself answers. */
const E1: Record<number, [error: string, message: string]> = {
  400: ['Bad Request', 'Bad request'],
  404: ['Not Found', 'Route not found'],
  405: ['Method Not Allowed', 'Method not allowed'],
  408: ['Request Timeout', 'Request timed out'],
  413: ['Payload Too Large', 'Request body too large'],
  414: ['URI Too Long', 'Request URI too long'],
  429: ['Too Many Requests', 'Too many requests'],
  500: ['Internal Server Error', 'Internal server error'],
  502: ['Bad Gateway', 'Upstream service unavailable'],
  503: ['Service Unavailable', 'Service temporarily unavailable'],
  504: ['Gateway Timeout', 'Upstream service timed out'],
};

/** The E1 JSON for `status`; `message` may be an nginx variable (already JSON-safe by construction). */
export function e1Body(status: number, message?: string): string {
  const entry = E1[status];
  if (!entry) throw new Error(`No E1 entry for ${status}`);
  return JSON.stringify({ error: entry[0], message: message ?? entry[1] });
}

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains; preload';
export const SHORT_HSTS_VALUE = 'max-age=86400; includeSubDomains';
export const CSP_VALUE = "default-src 'self'; frame-ancestors 'self'; object-src 'none'";

/** EDGE-4 headers, each once, on every response (`always` includes errors). */
export function securityHeaderLines(isOn: (fault: EdgeFaultName) => boolean): string[] {
  const headers: [string, string][] = [];
  if (!isOn('edge-no-hsts')) headers.push(['Strict-Transport-Security', isOn('edge-short-hsts') ? SHORT_HSTS_VALUE : HSTS_VALUE]);
  headers.push(
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['Referrer-Policy', 'no-referrer'],
    ['Content-Security-Policy', CSP_VALUE],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  );
  if (isOn('edge-duplicate-headers')) headers.push(['X-Frame-Options', 'DENY']);
  return headers.map(([name, value]) => `add_header ${name} "${value}" always;`);
}

/** The edge-static-health fault: a fixed "healthy" document whatever the backends do. */
export function staticHealthBody(region: string): string {
  const backends = Object.fromEntries(SERVICE_KEYS.map((key) => [key, 'up']));
  return JSON.stringify({ status: 'healthy', region, backends, timestamp: '1970-01-01T00:00:00.000Z' });
}
