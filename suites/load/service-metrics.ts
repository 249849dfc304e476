import { request } from 'undici';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { diffHistograms, parseHistogram, type BucketSeries } from '../../src/load/prom-histogram';
import { regionDispatcher } from '../../src/profile/dispatcher';
import type { RegionTarget, Target } from '../../src/profile/target';

/**
 * The services' own `http_request_duration_seconds` (§10) scraped before and after a load run:
 * what every API process observed in between, per (route, method, status). PERF-3's fallback when
 * the database's pg_stat_statements cannot be read. /metrics is never served through the edge
 * (MET-3): the URLs come from the profile (`load.serviceMetrics`, one per replica) or from a region
 * with direct service URLs (an in-cluster runner, the sandbox's `local`).
 */
export const DURATION_METRIC = 'http_request_duration_seconds';

export interface MetricsSource { service: string; url: string; region: RegionTarget | null }

export interface ServiceHistograms {
  /** Observations between the scrapes, per source. */
  series: Array<{ service: string; url: string; observed: BucketSeries[] }>;
  /** Sources that gave nothing usable, and why. */
  unusable: string[];
  /** Where the URLs came from, for the report. */
  from: string;
}

export function metricsSources(target: Target): { sources: MetricsSource[]; from: string } | { problem: string } {
  const listed = target.load?.serviceMetrics;
  if (listed && Object.keys(listed).length > 0) {
    const sources = Object.entries(listed).flatMap(([service, urls]) => (urls ?? []).map((url) => ({ service, url, region: null })));
    return { sources, from: 'profile load.serviceMetrics' };
  }
  const direct = target.regions.find((r) => !r.edgeUrl);
  if (!direct) {
    return { problem: 'no region has direct service URLs and the profile lists no `load.serviceMetrics` (/metrics is not served through the edge, MET-3)' };
  }
  return {
    sources: SERVICE_KEYS.map((k) => ({ service: k, url: `${direct.serviceUrl(k).replace(/\/+$/, '')}/metrics`, region: direct })),
    from: `/metrics of each service in region ${direct.name}`,
  };
}

async function scrape(s: MetricsSource): Promise<Map<string, BucketSeries>> {
  const res = await request(s.url, { headersTimeout: 5_000, bodyTimeout: 5_000, ...(s.region ? { dispatcher: regionDispatcher(s.region) } : {}) });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}`);
  const series = parseHistogram(text, DURATION_METRIC);
  if (series.size === 0) throw new Error(`exports no ${DURATION_METRIC}`);
  return series;
}

export class ServiceHistogramSampler {
  private before = new Map<string, Map<string, BucketSeries> | Error>();

  constructor(private readonly sources: MetricsSource[], private readonly from: string) {}

  async start(): Promise<void> {
    await Promise.all(this.sources.map(async (s) => this.before.set(s.url, await scrape(s).catch((e: Error) => e))));
  }

  async stop(): Promise<ServiceHistograms> {
    const out: ServiceHistograms = { series: [], unusable: [], from: this.from };
    await Promise.all(this.sources.map(async (s) => {
      const before = this.before.get(s.url);
      const after = await scrape(s).catch((e: Error) => e);
      const failed = [before, after].find((x): x is Error => x instanceof Error);
      if (failed || !before || !(after instanceof Map) || before instanceof Error) {
        out.unusable.push(`${s.service} ${s.url}: ${failed?.message ?? 'no first scrape'}`);
        return;
      }
      const observed = diffHistograms(before, after);
      if (!observed) out.unusable.push(`${s.service} ${s.url}: a counter went down between the scrapes (restart, or another replica answered)`);
      else out.series.push({ service: s.service, url: s.url, observed });
    }));
    return out;
  }
}
