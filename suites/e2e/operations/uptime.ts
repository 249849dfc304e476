import { defineCheck, pass, skip } from '../../../src/checks/define';
import { promData } from '../../../src/monitoring/client';
import { clientFor, monitoringOf } from './support';

const WEEK_S = 7 * 24 * 3600;
const STEP_S = 300;
const TARGET = 0.999;

/**
 * OPS-UPTIME-7D (PERF-4): the profile's `monitoring.uptimeQuery` (a PromQL whose value is the
 * fraction up, 0..1, e.g. `avg(up{job="gx-edge"})`) over the last 7 days in 5-minute steps from
 * the deployment's Prometheus. A step without data counts as down (an unobserved gap is not
 * uptime); a history shorter than 7 days is not judged at all.
 */
export const uptimeCheck = defineCheck({
  id: 'OPS-UPTIME-7D',
  layer: 'e2e',
  title: 'Availability over the last 7 days is at least 99.9 % (the deployment\'s Prometheus history)',
  criteria: ['PERF-4'],
  needs: ['monitoring'],
  async run(ctx) {
    const query = monitoringOf(ctx).uptimeQuery;
    if (!query) return skip('Needs `monitoring.uptimeQuery` (PromQL giving the fraction up, 0..1): without it 7 days of uptime cannot be read.');
    const prom = clientFor(ctx, 'prometheus');
    if (typeof prom === 'string') return skip(`Needs Prometheus to read the history: ${prom}.`);
    const end = Math.floor(Date.now() / 1000);
    const start = end - WEEK_S;
    const params = new URLSearchParams({ query, start: String(start), end: String(end), step: `${STEP_S}s` });
    const { data, exchange } = await promData<{ result: Array<{ values: Array<[number, string]> }> }>(prom, `/api/v1/query_range?${params}`, 'uptime over 7 days');
    const byTime = new Map<number, number[]>();
    for (const series of data.result) for (const [t, v] of series.values) byTime.set(t, [...(byTime.get(t) ?? []), Number(v)]);
    const times = [...byTime.keys()].sort((a, b) => a - b);
    if (times.length === 0 || times[0] > start + 2 * STEP_S) {
      const days = times.length ? ((end - times[0]) / 86_400).toFixed(1) : '0';
      return skip(`Prometheus holds ${days} day(s) of history for the uptime query; 7 days are needed to judge 99.9 % over 7 days.`);
    }
    const expected = Math.floor(WEEK_S / STEP_S) + 1;
    const upSum = times.reduce((sum, t) => {
      const vs = byTime.get(t)!.filter((v) => Number.isFinite(v));
      return sum + (vs.length ? Math.min(1, Math.max(0, vs.reduce((a, b) => a + b, 0) / vs.length)) : 0);
    }, 0);
    const availability = upSum / expected;
    ctx.observe.judged();
    const measurements = { availability: Number(availability.toFixed(6)), steps: expected, stepsWithData: times.length };
    if (availability < TARGET) {
      ctx.findings.add({ rule: 'INF-2', component: 'monitoring', text: `availability over 7 days is ${(availability * 100).toFixed(3)} %, below 99.9 % (${expected - times.length} of ${expected} five-minute steps without data counted as down)`, evidence: [exchange.evidence] });
    }
    return pass({ message: `${(availability * 100).toFixed(3)} % up over 7 days`, measurements, evidence: [exchange.evidence] });
  },
});
