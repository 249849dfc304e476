import { describe, expect, it } from 'vitest';
import { signToken } from '../../src/profile/auth';
import { TokenCache, tokenExpiry } from '../../src/profile/token-cache';

/** A run longer than a token's lifetime re-mints instead of sending an expired token. */
const sign = (expiresInS: number) => signToken(
  { profileId: 'p', role: 'USER', tenantId: 't' },
  { secret: 'test-secret-of-32-bytes-or-more-000', algorithm: 'HS256', issuer: 'i', audience: 'a', expiresInS },
);

describe('TokenCache', () => {
  it('reuses a token while it stays valid beyond the margin', async () => {
    const cache = new TokenCache();
    let minted = 0;
    const make = () => { minted++; return sign(900); };
    const a = await cache.get('k', make);
    const b = await cache.get('k', make);
    expect(b).toBe(a);
    expect(minted).toBe(1);
    expect(tokenExpiry(a) - Date.now() / 1000).toBeGreaterThan(890);
  });

  it('mints anew once the kept token is within the margin of its expiry, once for concurrent callers', async () => {
    const cache = new TokenCache();
    let minted = 0;
    const lifetimes = [30, 900];
    const make = () => sign(lifetimes[minted++]);
    const stale = await cache.get('k', make);
    const [x, y] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    expect(x).not.toBe(stale);
    expect(y).toBe(x);
    expect(minted).toBe(2);
    // A caller that needs longer validity (a load phase) renews earlier.
    expect(await cache.get('k', make, 60)).toBe(x);
  });

  it('does not keep a failed mint', async () => {
    const cache = new TokenCache();
    await expect(cache.get('k', () => Promise.reject(new Error('login refused')))).rejects.toThrow('login refused');
    expect(await cache.get('k', () => sign(900))).toMatch(/^ey/);
  });
});
