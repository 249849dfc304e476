import { MIN_P95_SAMPLES } from './judge';
import { quantileUpperBound, sumBuckets, totalOf, type BucketSeries } from './prom-histogram';

/**
 * PERF-3 from the services' request-duration histograms (when pg_stat_statements cannot be read).
 * A request takes at least as long as any query it runs, so a read route's request-duration p95
 * bounds its queries' time from above — it is an upper bound, never a measurement of query time:
 * below the threshold it shows the criterion met; above, it shows nothing either way (the time may
 * be spent anywhere in the request), so it can pass but never fail.
 */
export interface RouteBound { route: string; requests: number; p95BoundMs: number }

export interface RequestBoundJudgement {
  /** Read requests observed (GET on /api/v1/…), over every service. */
  requests: number;
  routes: RouteBound[];
  /** Upper bound of the p95 of all read requests (ms); Infinity when only the +Inf bucket holds 95 %. */
  p95BoundMs: number;
  /** Routes with enough requests whose own bound reaches the threshold. */
  above: RouteBound[];
  /** The smallest finite bucket bound (ms): a histogram this coarse cannot show less. */
  finestBucketMs: number;
  shown: boolean;
}

const isRead = (labels: Record<string, string>) => labels.method === 'GET' && /^(?:\/[^/]+)?\/api\/v1\//.test(labels.route ?? '');
const ms = (seconds: number) => (Number.isFinite(seconds) ? Math.round(seconds * 1000 * 10) / 10 : Infinity);

export function judgeRequestBound(observed: readonly BucketSeries[], thresholdMs: number): RequestBoundJudgement {
  const reads = observed.filter((s) => isRead(s.labels));
  const byRoute = new Map<string, BucketSeries[]>();
  for (const s of reads) {
    const list = byRoute.get(s.labels.route) ?? [];
    list.push(s);
    byRoute.set(s.labels.route, list);
  }
  const routes = [...byRoute.entries()].map(([route, list]) => {
    const b = sumBuckets(list);
    return { route, requests: totalOf(b), p95BoundMs: ms(quantileUpperBound(b, 0.95)) };
  }).sort((a, b) => b.p95BoundMs - a.p95BoundMs || b.requests - a.requests);
  const all = sumBuckets(reads);
  const p95BoundMs = ms(quantileUpperBound(all, 0.95));
  const above = routes.filter((r) => r.requests >= MIN_P95_SAMPLES && r.p95BoundMs >= thresholdMs);
  const finestBucketMs = ms(all.find(([le]) => Number.isFinite(le))?.[0] ?? Infinity);
  return { requests: totalOf(all), routes, p95BoundMs, above, finestBucketMs, shown: totalOf(all) > 0 && p95BoundMs < thresholdMs && above.length === 0 };
}

/** One line per route for evidence and artifacts. */
export function routeLines(j: RequestBoundJudgement): string[] {
  return j.routes.map((r) => `GET ${r.route}: ${r.requests} requests, p95 ≤ ${r.p95BoundMs} ms${r.requests < MIN_P95_SAMPLES ? ` (fewer than ${MIN_P95_SAMPLES}: counted in the whole only)` : ''}`);
}
