import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Hostile tokens for SEC-JWT-1: signed by hand (an empty HMAC key is legal here, unlike WebCrypto)
 * with header parameters that try to choose or fetch the key, and a loopback listener that records
 * any key fetch the target makes because of `jku`/`x5u`.
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function hmacToken(header: Record<string, unknown>, claims: Record<string, unknown>, key: string | Buffer): string {
  const alg = String(header.alg ?? 'HS256');
  const hash = alg === 'HS512' ? 'sha512' : alg === 'HS384' ? 'sha384' : 'sha256';
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}

export interface AttackerKey {
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
  sign(header: Record<string, unknown>, claims: Record<string, unknown>): string;
}

export function attackerKey(): AttackerKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'gxv-attacker', use: 'sig', alg: 'RS256' };
  return {
    privateKey,
    publicJwk,
    sign(header, claims) {
      const input = `${b64({ alg: 'RS256', typ: 'JWT', ...header })}.${b64(claims)}`;
      return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
    },
  };
}

/** A loopback server handing out the attacker's JWKS; `hits` lists every request it got. */
export async function keyServer(jwks: unknown): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
