import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * SEC-AUTH-2 (SHOULD): after 10 failed logins for one email within 15 minutes, I1 answers 429
 * with Retry-After for that email, from any address, until the window has passed. Counted in
 * Redis (shared by every identity replica) under a hash of the lower-cased email, for known and
 * unknown emails alike (throttling only known ones would itself tell which exist). A successful
 * login clears the count.
 */

export const MAX_FAILURES = 10;
export const WINDOW_S = 15 * 60;

const keyOf = (tenantId: string, email: string) =>
  `gx:login-failures:${tenantId}:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;

/** Seconds until the email may try again, or 0 when it is not throttled. */
export async function throttledFor(redis: Redis, tenantId: string, email: string): Promise<number> {
  const key = keyOf(tenantId, email);
  const count = Number((await redis.get(key)) ?? 0);
  if (count < MAX_FAILURES) return 0;
  return Math.max(1, await redis.ttl(key));
}

export async function recordFailure(redis: Redis, tenantId: string, email: string): Promise<void> {
  const key = keyOf(tenantId, email);
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, WINDOW_S);
}

export async function clearFailures(redis: Redis, tenantId: string, email: string): Promise<void> {
  await redis.del(keyOf(tenantId, email));
}
