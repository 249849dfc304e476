import * as hdr from 'hdr-histogram-js';

/**
 * Latency recording in HDR histograms (hdr-histogram-js): microsecond resolution, 3 significant
 * digits, values up to 10 minutes. Every percentile the load layer reports comes from one of these,
 * and the raw histograms are exported (compressed base64) so merged runs combine samples, not p95s.
 */
const HIGHEST_US = 600_000_000;

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export class Latencies {
  readonly histogram: hdr.Histogram;

  constructor(histogram?: hdr.Histogram) {
    this.histogram = histogram ?? hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
  }

  record(ms: number): void {
    const us = Math.round(ms * 1000);
    this.histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, us)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  percentileMs(p: number): number {
    return this.count === 0 ? 0 : this.histogram.getValueAtPercentile(p) / 1000;
  }

  add(other: Latencies): void {
    this.histogram.add(other.histogram);
  }

  reset(): void {
    this.histogram.reset();
  }

  summary(): LatencySummary {
    const r = (v: number) => Math.round(v * 10) / 10;
    return {
      count: this.count,
      p50Ms: r(this.percentileMs(50)),
      p90Ms: r(this.percentileMs(90)),
      p95Ms: r(this.percentileMs(95)),
      p99Ms: r(this.percentileMs(99)),
      maxMs: r(this.count === 0 ? 0 : this.histogram.maxValue / 1000),
      meanMs: r(this.count === 0 ? 0 : this.histogram.mean / 1000),
    };
  }

  /** Compressed base64 (the HdrHistogram interchange encoding): what artifacts and merges carry. */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }

  static decode(text: string): Latencies {
    return new Latencies(hdr.decodeFromCompressedBase64(text, 32, false));
  }

  /** One histogram of several: the way regional runs combine (never by averaging percentiles). */
  static merged(list: readonly Latencies[]): Latencies {
    const out = new Latencies();
    for (const l of list) out.add(l);
    return out;
  }
}
