import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { FaultSwitchboard } from '../../faults/switchboard';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** HTTP-7: echo a well-formed client X-Request-Id, otherwise make one; kept in res.locals.requestId. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-XSS-Protection': '0',
  // SEC-PASSIVE-1: authenticated answers are never cached; no API answer is worth caching.
  'Cache-Control': 'no-store',
};

/** Headers the faults of this file drop from, or add to, HDR-1's set (read per request). */
function headerSet(faults?: FaultSwitchboard): Record<string, string> {
  const set = { ...SECURITY_HEADERS };
  if (faults?.isOn('service-no-cross-origin-policies')) {
    delete set['Cross-Origin-Opener-Policy'];
    delete set['Cross-Origin-Resource-Policy'];
  }
  // HDR-2: a service may send HSTS only with the edge's value; this one is five minutes.
  if (faults?.isOn('service-own-hsts')) set['Strict-Transport-Security'] = 'max-age=300';
  return set;
}

/** HDR-1 on every response (X-Powered-By is disabled on the app itself). */
export function securityHeaders(faults?: FaultSwitchboard) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(headerSet(faults))) res.setHeader(name, value);
    next();
  };
}

const PREFLIGHT_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const PREFLIGHT_HEADERS = 'Authorization, Content-Type, X-Idempotency-Key, X-Request-Id';

/**
 * CORS-1..3: exact-origin allowlist. Unlisted origins get no Access-Control-* header at all;
 * every OPTIONS request is answered here with 204 and no body.
 */
export function cors(allowedOrigins: readonly string[], faults?: FaultSwitchboard) {
  const allowed = new Set(allowedOrigins.filter((o) => o.length > 0));
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    res.vary('Origin');
    // Fault cors-prefix-match: a listed origin followed by anything (https://app.example.evil.test) passes.
    const isAllowed = origin !== undefined && (allowed.has(origin) || (faults?.isOn('cors-prefix-match') === true && [...allowed].some((o) => origin.startsWith(o))));
    if (origin !== undefined && faults?.isOn('cors-wildcard-credentials')) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    } else if (isAllowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (isAllowed) {
      res.setHeader('Access-Control-Allow-Methods', PREFLIGHT_METHODS);
      // Fault cors-preflight-narrow: the idempotency and request-id headers are left out.
      res.setHeader('Access-Control-Allow-Headers', faults?.isOn('cors-preflight-narrow') ? 'Authorization, Content-Type' : PREFLIGHT_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
