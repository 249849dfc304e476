import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ServiceConfig } from '../deps';
import { ACCESS_AUDIENCE, ISSUER, REFRESH_AUDIENCE, secretKey, type Role, type TokenKind } from './auth';

export interface TokenSubject {
  profileId: string;
  role: Role;
  tenantId: string;
  email?: string;
}

/**
 * Issues an access or refresh token (§3.1): HS256 (the first allowlisted HMAC algorithm),
 * iss, aud, iat, exp from JWT_EXPIRY / JWT_REFRESH_EXPIRY, and a jti (the revocation key).
 */
export async function issueToken(config: ServiceConfig, subject: TokenSubject, kind: TokenKind): Promise<string> {
  const alg = config.jwtAlgorithms.find((a) => /^HS(256|384|512)$/.test(a)) ?? 'HS256';
  const claims: Record<string, string> = { profileId: subject.profileId, role: subject.role, tenantId: subject.tenantId };
  if (subject.email !== undefined) claims.email = subject.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(kind === 'access' ? ACCESS_AUDIENCE : REFRESH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(kind === 'access' ? config.jwtExpiry : config.jwtRefreshExpiry)
    .setJti(randomUUID())
    .sign(secretKey(config.jwtSecret));
}
