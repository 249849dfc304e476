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

/** HDR-1 on every response (X-Powered-By is disabled on the app itself). */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
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
    const isAllowed = origin !== undefined && allowed.has(origin);
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
      res.setHeader('Access-Control-Allow-Headers', PREFLIGHT_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
