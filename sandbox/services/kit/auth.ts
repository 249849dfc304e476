import { base64url, compactVerify, decodeProtectedHeader } from 'jose';
import type { NextFunction, Request, Response } from 'express';
import type { ServiceDeps } from '../deps';
import { HttpError } from './envelope';

export const ROLES = ['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API'] as const;
export type Role = (typeof ROLES)[number];
export const ADMIN_ROLES: readonly Role[] = ['ADMIN', 'SUPER_ADMIN'];

export const ISSUER = 'gx-identity-service';
export const ACCESS_AUDIENCE = 'gx-api';
export const REFRESH_AUDIENCE = 'gx-api-refresh';
const CLOCK_TOLERANCE_S = 30;
const HMAC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);

/** The caller of an authenticated request, taken from the token only (AUTHZ-1). */
export interface Principal {
  profileId: string;
  role: Role;
  tenantId: string;
  jti?: string;
  exp: number;
}

export type TokenKind = 'access' | 'refresh';
export type Verification = { ok: true; principal: Principal } | { ok: false; message: string };

const INVALID = 'Invalid or expired token';
const BAD_PAYLOAD = 'Invalid token payload';

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** AUTH-2 / AUTH-3 audience rule: the wanted audience present and the other one absent. */
function audienceOk(aud: unknown, wanted: string, other: string): boolean {
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  return list.includes(wanted) && !list.includes(other);
}

/** Signature (HMAC allowlist) check; fault `auth-alg-none` lets unsigned access tokens through. */
async function verifiedPayload(deps: ServiceDeps, token: string, kind: TokenKind): Promise<Record<string, unknown> | null> {
  try {
    const header = decodeProtectedHeader(token);
    if (kind === 'access' && header.alg === 'none' && deps.faults.isOn('auth-alg-none')) {
      const part = token.split('.')[1] ?? '';
      return JSON.parse(new TextDecoder().decode(base64url.decode(part))) as Record<string, unknown>;
    }
    const algorithms = deps.config.jwtAlgorithms.filter((a) => HMAC_ALGORITHMS.has(a));
    const { payload } = await compactVerify(token, secretKey(deps.config.jwtSecret), { algorithms });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies an access or refresh token with the §3.2 outcomes. Claims are checked here rather than
 * by jwtVerify so that each fault switch bends exactly one rule.
 */
export async function verifyToken(deps: ServiceDeps, token: string, kind: TokenKind): Promise<Verification> {
  const claims = await verifiedPayload(deps, token, kind);
  if (claims === null) return { ok: false, message: INVALID };
  const now = Math.floor(Date.now() / 1000);
  const faultable = kind === 'access';
  const { exp, nbf, iss, aud } = claims;
  if (exp === undefined) {
    if (!(faultable && deps.faults.isOn('auth-no-exp-accepted'))) return { ok: false, message: INVALID };
  } else if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return { ok: false, message: INVALID };
  } else if (exp + CLOCK_TOLERANCE_S <= now && !(faultable && deps.faults.isOn('auth-expired-accepted'))) {
    return { ok: false, message: INVALID };
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - CLOCK_TOLERANCE_S > now)) return { ok: false, message: INVALID };
  if (iss !== ISSUER) return { ok: false, message: INVALID };
  const wanted = kind === 'access' ? ACCESS_AUDIENCE : REFRESH_AUDIENCE;
  const other = kind === 'access' ? REFRESH_AUDIENCE : ACCESS_AUDIENCE;
  const audienceAccepted =
    audienceOk(aud, wanted, other) ||
    (faultable && deps.faults.isOn('auth-wrong-audience-accepted')) ||
    (faultable && deps.faults.isOn('auth-refresh-as-access') && audienceOk(aud, REFRESH_AUDIENCE, ACCESS_AUDIENCE));
  if (!audienceAccepted) return { ok: false, message: INVALID };
  const { profileId, tenantId, role, jti } = claims;
  if (typeof profileId !== 'string' || profileId.length === 0) return { ok: false, message: BAD_PAYLOAD };
  if (typeof tenantId !== 'string' || tenantId.length === 0) return { ok: false, message: BAD_PAYLOAD };
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return { ok: false, message: BAD_PAYLOAD };
  return {
    ok: true,
    principal: { profileId, tenantId, role: role as Role, exp: typeof exp === 'number' ? exp : now + 3600, ...(typeof jti === 'string' ? { jti } : {}) },
  };
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The access-token check of a request: a Principal, or an HttpError(401) with the §3.2 message. */
export async function authenticate(deps: ServiceDeps, req: Request): Promise<Principal> {
  const header = req.get('authorization');
  if (header === undefined) throw new HttpError(401, 'No authorization header provided');
  const match = BEARER.exec(header);
  if (match === null) throw new HttpError(401, 'Invalid authorization header format. Expected: Bearer <token>');
  const result = await verifyToken(deps, match[1], 'access');
  if (!result.ok) throw new HttpError(401, result.message);
  return result.principal;
}

/**
 * The role gate (§3.4): 403 unless the principal has one of the roles. Fault `role-not-enforced`
 * opens the "ADMIN or SUPER_ADMIN" commands (the only role set it targets) to any role.
 */
export function requireRole(deps: ServiceDeps, principal: Principal, roles: readonly Role[]): void {
  if (roles.includes(principal.role)) return;
  const adminGate = roles.length === ADMIN_ROLES.length && ADMIN_ROLES.every((r) => roles.includes(r));
  if (adminGate && deps.faults.isOn('role-not-enforced')) return;
  throw new HttpError(403, 'Insufficient permissions to access this resource');
}

/** Express middleware form of authenticate(): puts the Principal in res.locals.principal. */
export function authMiddleware(deps: ServiceDeps, roles?: readonly Role[]) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await authenticate(deps, req);
    if (roles !== undefined) requireRole(deps, principal, roles);
    res.locals.principal = principal;
    next();
  };
}
