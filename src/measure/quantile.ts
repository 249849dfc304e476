/**
 * Percentiles that say how much the samples can support. A p95 from 29 samples is their
 * second-largest value: it says little about the 95th percentile of the population. The rules
 * here are distribution-free (order statistics and the binomial distribution): no assumption about
 * the shape of a latency distribution, which is never normal.
 */

/** Confidence of every bound and sample count in this module. */
export const CONFIDENCE = 0.95;

/** Nearest-rank percentile (p in 0..100): the smallest sample with at least p % of samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * The fewest samples whose largest value is an upper bound of the p-th percentile at the given
 * confidence: 1 − (p/100)^n ≥ confidence. 59 for a p95, 5 for a median, 299 for a p99. With fewer,
 * not even the worst sample shows that the percentile is below anything.
 */
export function minSamples(p: number, confidence = CONFIDENCE): number {
  const q = p / 100;
  if (q <= 0) return 1;
  if (q >= 1) return Infinity;
  return Math.ceil(Math.log(1 - confidence) / Math.log(q));
}

/** P(X ≤ k) for X ~ Binomial(n, q), summed in log space (n up to many thousands). */
export function binomialCdf(k: number, n: number, q: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logPmf = n * Math.log1p(-q); // P(X = 0)
  let sum = Math.exp(logPmf);
  for (let i = 1; i <= k; i++) {
    logPmf += Math.log((n - i + 1) / i) + Math.log(q) - Math.log1p(-q);
    sum += Math.exp(logPmf);
  }
  return Math.min(1, sum);
}

export interface PercentileEstimate {
  p: number;
  n: number;
  /** Nearest-rank value. */
  value: number;
  /** One-sided lower bound (the true percentile is at least this, at CONFIDENCE), or null with too few samples. */
  lower: number | null;
  /** One-sided upper bound, or null with fewer than minSamples(p). */
  upper: number | null;
  /** Samples needed before the percentile is judged (minSamples). */
  needed: number;
}

/**
 * The p-th percentile with its order-statistic bounds: the r-th smallest sample lies at or below
 * the percentile with probability P(Binomial(n, p) ≥ r), and at or above it with P(Binomial ≤ r − 1).
 */
export function estimatePercentile(samples: readonly number[], p: number, confidence = CONFIDENCE): PercentileEstimate {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const q = p / 100;
  let lower: number | null = null;
  for (let r = n; r >= 1 && lower === null; r--) if (1 - binomialCdf(r - 1, n, q) >= confidence) lower = sorted[r - 1];
  let upper: number | null = null;
  for (let r = 1; r <= n && upper === null; r++) if (binomialCdf(r - 1, n, q) >= confidence) upper = sorted[r - 1];
  return { p, n, value: percentile(sorted, p), lower, upper, needed: minSamples(p, confidence) };
}

export interface Summary { n: number; p50: number; p95: number; max: number }

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.length ? Math.max(...samples) : NaN };
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
