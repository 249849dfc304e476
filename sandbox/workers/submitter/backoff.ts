/**
 * OUT-6: delay before attempt n+1 after failed attempt n = min(base × 2^(n−1), max), with up to
 * ±`jitter` (fraction, default 10 %, the contract allows 20 %) so replicas do not retry in lockstep.
 */
export function backoffMs(failedAttempt: number, baseMs: number, maxMs: number, jitter = 0.1, random = Math.random): number {
  const n = Math.max(1, failedAttempt);
  const raw = Math.min(baseMs * 2 ** Math.min(n - 1, 30), maxMs);
  const spread = raw * jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(raw + spread));
}
