import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Principal } from '../kit';

/**
 * AUTH-7 revocation list in Redis (shared by all identity replicas, survives restarts): one key
 * per refresh token (its jti, else a hash of the token), expiring with the token.
 */
function revocationKey(principal: Principal, token: string): string {
  return `gx:revoked:${principal.jti ?? createHash('sha256').update(token).digest('hex')}`;
}

export async function revoke(redis: Redis, principal: Principal, token: string): Promise<void> {
  const expiresAtMs = principal.exp * 1000;
  if (expiresAtMs <= Date.now()) return;
  await redis.set(revocationKey(principal, token), '1', 'PXAT', expiresAtMs);
}

export async function isRevoked(redis: Redis, principal: Principal, token: string): Promise<boolean> {
  return (await redis.exists(revocationKey(principal, token))) === 1;
}

/** Fault `logout-ends-access` only: a logout marker that I5 reads as "every access token ended". */
const loggedOutKey = (profileId: string) => `gx:fault-logged-out:${profileId}`;

export async function markLoggedOut(redis: Redis, profileId: string): Promise<void> {
  await redis.set(loggedOutKey(profileId), '1', 'EX', 300);
}

export async function loggedOut(redis: Redis, profileId: string): Promise<boolean> {
  return (await redis.exists(loggedOutKey(profileId))) === 1;
}
