import { SignJWT, decodeJwt, generateKeyPair, type JWTPayload } from 'jose';

/** Token forgery for the JWT matrix: re-signing, unsigned tokens and foreign key types. */

export type Claims = JWTPayload & Record<string, unknown>;

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function payloadOf(token: string): Claims {
  return decodeJwt(token) as Claims;
}

export const now = (): number => Math.floor(Date.now() / 1000);

/** Signs `claims` exactly as given (no defaults added) with an HMAC secret. */
export async function signHmac(claims: Claims, secret: string, alg: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** `alg: none`: a header, the payload and an empty signature. */
export function unsigned(claims: Claims): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

/** Signed with a fresh asymmetric key pair (algorithm confusion: not HMAC, not the shared secret). */
export async function signWithFreshKey(claims: Claims, alg: 'RS256' | 'ES256'): Promise<string> {
  const { privateKey } = await generateKeyPair(alg);
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(privateKey);
}

/** The same header and payload with a different signature (first signature byte changed). */
export function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] ^= 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** Claims with some keys removed and others set. */
export function edit(claims: Claims, set: Claims = {}, remove: string[] = []): Claims {
  const next: Claims = { ...claims, ...set };
  for (const key of remove) delete next[key];
  return next;
}
