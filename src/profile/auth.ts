import { randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { AuthProvider, Role, TokenClaims } from './target';
import { ExpiringCache } from './token-cache';

/**
 * Token sources for checks. Mint mode signs tokens like svc-identity would (§3.1); login mode asks
 * I1 with the profile's test accounts. Secrets and passwords never appear in error messages.
 */

export const ACCESS_LIFETIME_S = 15 * 60;
export const REFRESH_LIFETIME_S = 7 * 24 * 3600;
export const REFRESH_AUDIENCE = 'gx-api-refresh';

export interface SignOptions {
  secret: string;
  algorithm: string;
  issuer: string;
  audience: string | string[];
  /** Seconds from now; negative makes an expired token. */
  expiresInS: number;
  jti?: string;
}

/** Signs a GX token: claims profileId/role/tenantId(/email), iss, aud, iat, exp, jti. */
export async function signToken(claims: TokenClaims, opts: SignOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { profileId: claims.profileId, role: claims.role, tenantId: claims.tenantId };
  if (claims.email) payload.email = claims.email;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: opts.algorithm, typ: 'JWT' })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + opts.expiresInS)
    .setJti(opts.jti ?? randomUUID())
    .sign(new TextEncoder().encode(opts.secret));
}

export function mintAuthProvider(cfg: { secret: string; algorithm: string; issuer: string; audience: string }): AuthProvider {
  const base = { secret: cfg.secret, algorithm: cfg.algorithm, issuer: cfg.issuer };
  return {
    mode: 'mint',
    issuer: cfg.issuer,
    audience: cfg.audience,
    secret: cfg.secret,
    algorithm: cfg.algorithm,
    accessToken: (who) => signToken(who, { ...base, audience: cfg.audience, expiresInS: ACCESS_LIFETIME_S }),
    refreshToken: (who) => signToken(who, { ...base, audience: REFRESH_AUDIENCE, expiresInS: REFRESH_LIFETIME_S }),
  };
}

export interface LoginAccount { role: Role; email: string; password: string }

export interface LoginConfig {
  issuer: string;
  audience: string;
  /** Accounts from the profile, passwords resolved (USER may appear twice). */
  accounts: LoginAccount[];
  /** I1's full URL: the identity service of the first region + /api/v1/auth/login. */
  loginUrl: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

interface Session { accessToken: string; refreshToken: string; accessExp: number }

export function loginAuthProvider(cfg: LoginConfig): AuthProvider {
  const sessions = new ExpiringCache<Session>((s) => s.accessExp);

  function credentials(who: TokenClaims & { password?: string }): { email: string; password: string } {
    const byEmail = who.email ? cfg.accounts.find((a) => a.email.toLowerCase() === who.email!.toLowerCase()) : undefined;
    if (byEmail) return byEmail;
    if (who.email && who.password) return { email: who.email, password: who.password };
    const byRole = cfg.accounts.find((a) => a.role === who.role);
    if (byRole) return byRole;
    throw new Error(`login mode: the profile has no ${who.role} account${who.email ? ` and no password for ${who.email}` : ''}`);
  }

  async function login(email: string, password: string): Promise<Session> {
    const timeout = cfg.timeoutMs ?? 10_000;
    const res = await request(cfg.loginUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      dispatcher: cfg.dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await res.body.text();
    let body: { accessToken?: unknown; refreshToken?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(text);
    } catch { /* reported below */ }
    if (res.statusCode !== 200 || typeof body.accessToken !== 'string' || typeof body.refreshToken !== 'string') {
      const why = typeof body.message === 'string' ? `: ${body.message}` : '';
      throw new Error(`login as ${email} at ${cfg.loginUrl} failed: HTTP ${res.statusCode}${why}`);
    }
    const exp = decodeJwt(body.accessToken).exp;
    return { accessToken: body.accessToken, refreshToken: body.refreshToken, accessExp: typeof exp === 'number' ? exp : Infinity };
  }

  /** One login per email, reused until a minute before the access token expires; failures are not cached. */
  function session(who: TokenClaims & { password?: string }): Promise<Session> {
    const { email, password } = credentials(who);
    return sessions.get(email.toLowerCase(), () => login(email, password));
  }

  return {
    mode: 'login',
    issuer: cfg.issuer,
    audience: cfg.audience,
    secret: null,
    algorithm: 'HS256',
    accessToken: async (who) => (await session(who)).accessToken,
    refreshToken: async (who) => (await session(who)).refreshToken,
  };
}
