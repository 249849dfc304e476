import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { diffHistograms, parseHistogram, quantileUpperBound, sumBuckets } from '../../src/load/prom-histogram';
import { judgeRequestBound } from '../../src/load/request-bound';

/**
 * PERF-3's fallback from the services' http_request_duration_seconds (prom-client's own text, as
 * the services export it): the difference of two scrapes, the p95 upper bound, and the judgement
 * that can show the criterion met but never blame the database.
 */
function service(buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]) {
  const registry = new Registry();
  const h = new Histogram({ name: 'http_request_duration_seconds', help: 'x', labelNames: ['route', 'method', 'status'], buckets, registers: [registry] });
  const observe = (route: string, seconds: number, n = 1, method = 'GET') => { for (let i = 0; i < n; i++) h.observe({ route, method, status: '200' }, seconds); };
  return { scrape: async () => parseHistogram(await registry.metrics(), 'http_request_duration_seconds'), observe };
}

describe('request-duration upper bound (PERF-3 fallback)', () => {
  it('parses every label set and bounds a quantile by its bucket', async () => {
    const s = service();
    s.observe('/api/v1/countries', 0.003, 90);
    s.observe('/api/v1/countries', 0.04, 10);
    s.observe('/api/v1/wallets/:profileId/balance', 0.2, 5);
    const parsed = await s.scrape();
    expect(parsed.size).toBe(2);
    const countries = [...parsed.values()].find((x) => x.labels.route === '/api/v1/countries')!;
    expect(countries.buckets.at(-1)).toEqual([Infinity, 100]);
    expect(quantileUpperBound(countries.buckets, 0.9)).toBe(0.005);
    expect(quantileUpperBound(countries.buckets, 0.95)).toBe(0.05);
    expect(sumBuckets([...parsed.values()]).at(-1)).toEqual([Infinity, 105]);
  });

  it('judges only what was observed between the scrapes; a counter that went down gives nothing', async () => {
    const s = service();
    s.observe('/api/v1/countries', 0.3, 500); // before the load: not counted
    const before = await s.scrape();
    s.observe('/api/v1/countries', 0.004, 200);
    s.observe('/api/v1/counters', 0.008, 150);
    s.observe('/api/v1/transfers', 0.4, 50, 'POST'); // a command: not a read
    const observed = diffHistograms(before, await s.scrape())!;
    const j = judgeRequestBound(observed, 50);
    expect(j).toMatchObject({ requests: 350, p95BoundMs: 10, above: [], shown: true });
    expect(diffHistograms(await s.scrape(), before)).toBeNull();
  });

  it('a read route whose bound reaches the threshold leaves PERF-3 unshown; so do coarse buckets', async () => {
    const s = service();
    const before = await s.scrape();
    s.observe('/api/v1/countries', 0.09, 120);
    s.observe('/api/v1/counters', 0.004, 3_000);
    const j = judgeRequestBound(diffHistograms(before, await s.scrape())!, 50);
    expect(j.p95BoundMs).toBe(5);
    expect(j.above).toEqual([{ route: '/api/v1/countries', requests: 120, p95BoundMs: 100 }]);
    expect(j.shown).toBe(false);

    const coarse = service([0.1, 0.5, 1]);
    const b = await coarse.scrape();
    coarse.observe('/api/v1/counters', 0.001, 500);
    const c = judgeRequestBound(diffHistograms(b, await coarse.scrape())!, 50);
    expect(c).toMatchObject({ finestBucketMs: 100, p95BoundMs: 100, shown: false });
  });
});
