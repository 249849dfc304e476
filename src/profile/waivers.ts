import type { Waiver } from './target';

/**
 * Waivers over time: an expired one no longer applies (the profile rules warn about it), and a
 * pre-launch review only honours waivers that say when they end.
 */

/** The waivers still in force at `now`. */
export function waiversInForce(waivers: readonly Waiver[], now = new Date()): Waiver[] {
  return waivers.filter((w) => w.expires === undefined || !(expiryTime(w.expires) <= now.getTime()));
}

/** The instant a waiver stops applying: a date means the end of that day (UTC). NaN when unreadable. */
export function expiryTime(expires: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(expires);
  return Date.parse(day ? `${expires}T23:59:59.999Z` : expires);
}

/** The pre-launch gate's rule: a waiver needs an approver and an expiry; the others do not apply there. */
export function preLaunchWaivers(waivers: readonly Waiver[]): { kept: Waiver[]; refused: Waiver[] } {
  const kept = waivers.filter((w) => w.approvedBy.trim() !== '' && w.expires !== undefined);
  return { kept, refused: waivers.filter((w) => !kept.includes(w)) };
}
