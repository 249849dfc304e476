import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { base64url, compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
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

/**
 * Signature (HMAC allowlist) check. Faults: `auth-alg-none` lets unsigned access tokens through;
 * `auth-signature-unchecked` only decodes the token; `auth-secret-mismatch` verifies access tokens
 * with a rotated secret that svc-identity does not sign with (a rotation not rolled out everywhere).
 */
/**
 * Fault `jwt-kid-injection`: a key-rotation helper that reads the HMAC key named by `kid` from a
 * keys folder, with no confinement: `../../dev/null` yields an empty key anyone can sign with.
 */
function kidKeyPayload(token: string, kid: string, alg: string): Record<string, unknown> | null {
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  if (!hash) return null;
  let key: Buffer;
  try {
    key = readFileSync(path.join(tmpdir(), 'gx-keys', kid));
  } catch {
    return null;
  }
  const [head, body, signature] = token.split('.');
  const expected = createHmac(hash, key).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function verifiedPayload(deps: ServiceDeps, token: string, kind: TokenKind): Promise<Record<string, unknown> | null> {
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.kid === 'string' && typeof header.alg === 'string' && deps.faults.isOn('jwt-kid-injection')) {
      return kidKeyPayload(token, header.kid, header.alg);
    }
    if (kind === 'access' && header.alg === 'none' && deps.faults.isOn('auth-alg-none')) {
      const part = token.split('.')[1] ?? '';
      return JSON.parse(new TextDecoder().decode(base64url.decode(part))) as Record<string, unknown>;
    }
    if (deps.faults.isOn('auth-signature-unchecked')) return decodeJwt(token) as Record<string, unknown>;
    const algorithms = deps.config.jwtAlgorithms.filter((a) => HMAC_ALGORITHMS.has(a));
    const rotated = kind === 'access' && deps.faults.isOn('auth-secret-mismatch');
    const secret = rotated ? `${deps.config.jwtSecret}-rotated` : deps.config.jwtSecret;
    const { payload } = await compactVerify(token, secretKey(secret), { algorithms });
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
  // Fault `auth-clock-tolerance-minutes`: five minutes of clock tolerance instead of AUTH-2's 30 s.
  const tolerance = faultable && deps.faults.isOn('auth-clock-tolerance-minutes') ? 300 : CLOCK_TOLERANCE_S;
  const { exp, nbf, iss, aud } = claims;
  if (exp === undefined) {
    if (!(faultable && deps.faults.isOn('auth-no-exp-accepted'))) return { ok: false, message: INVALID };
  } else if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return { ok: false, message: INVALID };
  } else if (exp + tolerance <= now && !(faultable && deps.faults.isOn('auth-expired-accepted'))) {
    return { ok: false, message: INVALID };
  }
  // Fault `auth-claims-unchecked`: nbf and iss are ignored (only exp and aud are looked at).
  const registeredChecked = !deps.faults.isOn('auth-claims-unchecked');
  if (registeredChecked && nbf !== undefined && (typeof nbf !== 'number' || nbf - tolerance > now)) return { ok: false, message: INVALID };
  // Fault `auth-nbf-present-refused`: any nbf is refused, a passed one too (a check of presence, not of time).
  if (faultable && nbf !== undefined && deps.faults.isOn('auth-nbf-present-refused')) return { ok: false, message: INVALID };
  if (registeredChecked && iss !== ISSUER) return { ok: false, message: INVALID };
  const wanted = kind === 'access' ? ACCESS_AUDIENCE : REFRESH_AUDIENCE;
  const other = kind === 'access' ? REFRESH_AUDIENCE : ACCESS_AUDIENCE;
  const audienceAccepted =
    audienceOk(aud, wanted, other) ||
    (faultable && deps.faults.isOn('auth-wrong-audience-accepted')) ||
    (faultable && deps.faults.isOn('auth-refresh-as-access') && audienceOk(aud, REFRESH_AUDIENCE, ACCESS_AUDIENCE));
  if (!audienceAccepted) return { ok: false, message: INVALID };
  const { profileId, tenantId, role, jti } = claims;
  // Fault `auth-payload-unchecked`: the app claims are trusted as they come (cast, not checked).
  if (!deps.faults.isOn('auth-payload-unchecked')) {
    if (typeof profileId !== 'string' || profileId.length === 0) return { ok: false, message: BAD_PAYLOAD };
    if (typeof tenantId !== 'string' || tenantId.length === 0) return { ok: false, message: BAD_PAYLOAD };
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return { ok: false, message: BAD_PAYLOAD };
  }
  return {
    ok: true,
    principal: {
      profileId: profileId as string, tenantId: tenantId as string, role: role as Role,
      exp: typeof exp === 'number' ? exp : now + 3600, ...(typeof jti === 'string' ? { jti } : {}),
    },
  };
}

const BEARER = /^Bearer +(\S+) *$/i;

/** Whether a string has the JWT shape at all (three parts, JSON header and payload). */
function looksLikeJwt(token: string): boolean {
  try {
    decodeProtectedHeader(token);
    decodeJwt(token);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fault `auth-header-lenient`: a guest fallback left in from development. A request without a
 * usable bearer token (no header, another scheme, nothing or no JWT after "Bearer") is served as
 * a USER with a placeholder profile instead of 401. Tokens that look like JWTs are still verified.
 */
function guestFallback(deps: ServiceDeps, token: string | undefined): Principal | null {
  if ((token !== undefined && looksLikeJwt(token)) || !deps.faults.isOn('auth-header-lenient')) return null;
  return { profileId: 'guest', role: 'USER', tenantId: deps.config.tenantId, exp: Math.floor(Date.now() / 1000) + 3600 };
}

/** The access-token check of a request: a Principal, or an HttpError(401) with the §3.2 message. */
export async function authenticate(deps: ServiceDeps, req: Request): Promise<Principal> {
  const header = req.get('authorization');
  const match = header === undefined ? null : BEARER.exec(header);
  const guest = guestFallback(deps, match?.[1]);
  if (guest !== null) return guest;
  if (header === undefined) throw new HttpError(401, 'No authorization header provided');
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
