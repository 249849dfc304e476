import { decodeJwt } from 'jose';

/** Seconds a reused token must still be valid for: a request sent with it arrives before it expires. */
export const REUSE_MARGIN_S = 60;

/** A JWT's `exp` in epoch seconds; Infinity when it has none or is not a JWT (the target decides then). */
export function tokenExpiry(token: string): number {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? exp : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Values that expire (access tokens, login sessions), kept for reuse until shortly before they do.
 * A run can outlast a token's lifetime (15 minutes, §3.1: a full run from afar, a soak), and an
 * expired token would turn every later check into a 401 the deployment is not to blame for.
 * Failed makes are not kept.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  /** `expiryOf`: the value's expiry in epoch seconds. */
  constructor(private readonly expiryOf: (value: T) => number) {}

  get(key: string, make: () => Promise<T>, validForS = REUSE_MARGIN_S): Promise<T> {
    const existing = this.entries.get(key);
    if (!existing) return this.renew(key, make);
    return existing.then(
      (value) => (this.expiryOf(value) - validForS > Date.now() / 1000 ? value : this.renewOnce(key, existing, make)),
      () => this.renewOnce(key, existing, make),
    );
  }

  /** Concurrent callers that found the same stale value share one renewal. */
  private renewOnce(key: string, stale: Promise<T>, make: () => Promise<T>): Promise<T> {
    const current = this.entries.get(key);
    return current && current !== stale ? current : this.renew(key, make);
  }

  private renew(key: string, make: () => Promise<T>): Promise<T> {
    const fresh = make();
    this.entries.set(key, fresh);
    fresh.catch(() => { if (this.entries.get(key) === fresh) this.entries.delete(key); });
    return fresh;
  }
}

/** Access tokens (JWTs), reused while their `exp` leaves the margin. */
export class TokenCache extends ExpiringCache<string> {
  constructor() {
    super(tokenExpiry);
  }
}

const perTarget = new WeakMap<object, TokenCache>();

/** The run's token cache for a target: every check asking for the same identity shares its token. */
export function tokenCacheOf(target: object): TokenCache {
  let cache = perTarget.get(target);
  if (!cache) perTarget.set(target, (cache = new TokenCache()));
  return cache;
}
