import type { LatencySummary } from '../histogram';
import type { EndpointFigures, LoadFigures } from '../evidence';

/**
 * k6 end-of-test summaries → LoadFigures. Two formats (formats.md §12): the `handleSummary` JSON
 * (`metrics[name] = {type, contains, values, thresholds?: {expr: {ok}}}`) and the legacy
 * `--summary-export` (values flattened, rate → `value`, thresholds `{expr: true}` meaning the
 * threshold FAILED). Trend values are milliseconds.
 */
type Values = Record<string, number>;
interface Metric { values: Values; thresholds: Record<string, boolean> }

export interface ParsedSummary {
  format: 'handleSummary' | 'summary-export';
  metrics: Map<string, Metric>;
  durationS: number | null;
}

export function parseK6Summary(data: unknown): ParsedSummary {
  if (!data || typeof data !== 'object' || !('metrics' in data)) throw new Error('not a k6 summary: no `metrics` object');
  const raw = (data as { metrics: Record<string, Record<string, unknown>> }).metrics;
  const modern = Object.values(raw).some((m) => m && typeof m === 'object' && 'values' in m && 'type' in m);
  const metrics = new Map<string, Metric>();
  for (const [name, m] of Object.entries(raw)) {
    if (modern) {
      const th = (m.thresholds ?? {}) as Record<string, { ok: boolean }>;
      metrics.set(name, { values: m.values as Values, thresholds: Object.fromEntries(Object.entries(th).map(([k, v]) => [k, Boolean(v.ok)])) });
    } else {
      const { thresholds, ...values } = m as Values & { thresholds?: Record<string, boolean> };
      // Legacy: `true` means the threshold failed; stored here as ok = !failed.
      metrics.set(name, { values: values as Values, thresholds: Object.fromEntries(Object.entries(thresholds ?? {}).map(([k, v]) => [k, !v])) });
    }
  }
  const state = (data as { state?: { testRunDurationMs?: number } }).state;
  return { format: modern ? 'handleSummary' : 'summary-export', metrics, durationS: state?.testRunDurationMs ? state.testRunDurationMs / 1000 : null };
}

/** Regions named in sub-metric tags (`http_req_duration{region:asia}`). */
export function regionsOf(s: ParsedSummary): string[] {
  const out = new Set<string>();
  for (const name of s.metrics.keys()) {
    const m = /^http_req_duration\{(.*)\}$/.exec(name);
    const r = m && /(?:^|,)region:([^,}]+)/.exec(m[1]);
    if (r) out.add(r[1]);
  }
  return [...out];
}

function trend(v: Values | undefined): LatencySummary {
  const get = (k: string) => Number(v?.[k] ?? NaN);
  return {
    count: 0, p50Ms: get('med'), p90Ms: get('p(90)'), p95Ms: get('p(95)'), p99Ms: Number.isFinite(get('p(99)')) ? get('p(99)') : get('max'),
    maxMs: get('max'), meanMs: get('avg'),
  };
}

function rate(v: Values | undefined): number {
  return Number(v?.rate ?? v?.value ?? 0);
}

/** LoadFigures for one region; sub-metrics tagged with the region win over the run-wide ones. */
export function figuresFromSummary(s: ParsedSummary, region: string, scenario = 'load-100'): LoadFigures {
  const pick = (name: string) => s.metrics.get(`${name}{region:${region}}`) ?? s.metrics.get(name);
  const duration = pick('http_req_duration');
  const reqs = s.metrics.get('http_reqs');
  if (!duration || !Number.isFinite(Number(duration.values['p(95)']))) throw new Error(`the summary has no http_req_duration p(95) (for region ${region})`);
  const requests = Number(reqs?.values.count ?? 0);
  const failedRate = rate(pick('http_req_failed')?.values);
  const errors = Math.round(requests * failedRate);
  const latency = { ...trend(duration.values), count: requests };
  const perEndpoint: EndpointFigures[] = [];
  for (const [name, m] of s.metrics) {
    const e = /^http_req_duration\{(?:.*,)?endpoint:([^,}]+)/.exec(name);
    if (e) perEndpoint.push({ endpoint: e[1], latency: trend(m.values), requests: 0, errors: 0, errorRate: 0 });
  }
  const durationS = s.durationS ?? (Number(reqs?.values.rate) > 0 ? requests / Number(reqs!.values.rate) : 0);
  return {
    scenario, region, users: Number(s.metrics.get('vus_max')?.values.value ?? s.metrics.get('vus_max')?.values.max ?? 0), durationS: Math.round(durationS),
    latency, requests, errors, errorRate: failedRate, throughputPerS: Number(reqs?.values.rate ?? 0),
    counts: { ok: requests - errors, unexpected: errors }, perEndpoint, sourceMode: 'unknown', source: 'k6',
  };
}
