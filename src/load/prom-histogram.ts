/**
 * Prometheus histograms from the text exposition (§10 `http_request_duration_seconds`): the
 * cumulative `_bucket{…,le="x"}` samples per label set, the difference of two scrapes (what was
 * observed in between), and quantile *upper bounds*: a bucket count says how many observations
 * were at most `le`, never where inside the bucket they fell, so the honest p95 from buckets is
 * the smallest `le` that holds 95 % of them.
 * (The npm parser `parse-prometheus-text-format` 1.1.1 drops every label set of a histogram but
 * the last, so the few lines needed here are parsed directly.)
 */
import { samplesOf } from '../clients/prom-text';

export interface BucketSeries {
  /** Labels without `le`. */
  labels: Record<string, string>;
  /** Cumulative counts by upper bound (seconds; +Inf as Infinity), ascending. */
  buckets: Array<[le: number, count: number]>;
}

function keyOf(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

/** Every label set of `<metric>_bucket` in the exposition, keyed by its labels (le excluded). */
export function parseHistogram(text: string, metric: string): Map<string, BucketSeries> {
  const out = new Map<string, BucketSeries>();
  for (const { labels: all, value } of samplesOf(text, `${metric}_bucket`)) {
    const { le: bound, ...labels } = all;
    const le = bound === undefined ? null : bound === '+Inf' ? Infinity : Number(bound);
    if (le === null || Number.isNaN(le) || !Number.isFinite(value)) continue;
    const key = keyOf(labels);
    let series = out.get(key);
    if (!series) out.set(key, (series = { labels, buckets: [] }));
    series.buckets.push([le, value]);
  }
  for (const s of out.values()) s.buckets.sort((a, b) => a[0] - b[0]);
  return out;
}

/**
 * What was observed between two scrapes of the same process. Null when a counter went down (the
 * process restarted, or the two scrapes reached different replicas): no difference is meaningful then.
 */
export function diffHistograms(before: Map<string, BucketSeries>, after: Map<string, BucketSeries>): BucketSeries[] | null {
  const out: BucketSeries[] = [];
  for (const [key, a] of after) {
    const b = new Map(before.get(key)?.buckets ?? []);
    const buckets = a.buckets.map(([le, n]): [number, number] => [le, n - (b.get(le) ?? 0)]);
    if (buckets.some(([, n]) => n < 0)) return null;
    if (buckets.at(-1)![1] > 0) out.push({ labels: a.labels, buckets });
  }
  return out;
}

/** The sum of several series with the same bucket bounds (bounds not shared by all are dropped). */
export function sumBuckets(list: readonly BucketSeries[]): Array<[number, number]> {
  if (list.length === 0) return [];
  const shared = list.map((s) => new Set(s.buckets.map(([le]) => le))).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const sum = new Map<number, number>();
  for (const s of list) for (const [le, n] of s.buckets) if (shared.has(le)) sum.set(le, (sum.get(le) ?? 0) + n);
  return [...sum.entries()].sort((a, b) => a[0] - b[0]);
}

export function totalOf(buckets: ReadonlyArray<[number, number]>): number {
  return buckets.at(-1)?.[1] ?? 0;
}

/** The smallest bucket bound (seconds) holding at least q of the observations; Infinity when only +Inf does. */
export function quantileUpperBound(buckets: ReadonlyArray<[number, number]>, q: number): number {
  const total = totalOf(buckets);
  for (const [le, n] of buckets) if (n >= q * total) return le;
  return Infinity;
}
