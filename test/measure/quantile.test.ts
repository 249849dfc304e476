import { describe, expect, it } from 'vitest';
import { binomialCdf, estimatePercentile, minSamples, percentile } from '../../src/measure/quantile';

describe('percentiles that say how much the samples support', () => {
  it('needs 59 samples for a p95, 5 for a median, 299 for a p99', () => {
    expect(minSamples(95)).toBe(59);
    expect(minSamples(50)).toBe(5);
    expect(minSamples(99)).toBe(299);
    // 59 is the first n whose maximum bounds the p95 at 95 %: 1 − 0.95^n ≥ 0.95.
    expect(1 - 0.95 ** 58).toBeLessThan(0.95);
    expect(1 - 0.95 ** 59).toBeGreaterThanOrEqual(0.95);
  });

  it('takes the nearest rank: a p95 of 29 samples is the second-largest', () => {
    const samples = Array.from({ length: 29 }, (_, i) => i + 1);
    expect(percentile(samples, 95)).toBe(28);
    expect(percentile(samples, 50)).toBe(15);
  });

  it('sums the binomial distribution', () => {
    expect(binomialCdf(0, 3, 0.5)).toBeCloseTo(0.125);
    expect(binomialCdf(2, 3, 0.5)).toBeCloseTo(0.875);
    expect(binomialCdf(58, 59, 0.95)).toBeCloseTo(1 - 0.95 ** 59);
    expect(binomialCdf(950, 1000, 0.95)).toBeGreaterThan(0.5);
  });

  it('bounds the p95 only with enough samples, and the bounds enclose the estimate', () => {
    const few = estimatePercentile(Array.from({ length: 29 }, (_, i) => i), 95);
    expect(few.upper).toBeNull();
    expect(few.needed).toBe(59);
    const many = estimatePercentile(Array.from({ length: 200 }, (_, i) => i), 95);
    expect(many.upper).not.toBeNull();
    expect(many.lower!).toBeLessThanOrEqual(many.value);
    expect(many.upper!).toBeGreaterThanOrEqual(many.value);
    expect(many.upper!).toBeLessThan(199); // not simply the maximum any more
  });

  it('can show an excess early: 20 samples all over a threshold bound the p95 from below', () => {
    const e = estimatePercentile(Array.from({ length: 20 }, (_, i) => 150 + i), 95);
    expect(e.lower).not.toBeNull();
    expect(e.lower!).toBeGreaterThanOrEqual(150);
  });
});
