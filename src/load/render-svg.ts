import { escapeHtml as h } from '../report/escape';
import type { StressFigures } from './evidence';
import type { SeriesPoint } from './tally';

/**
 * SVG for report.html from a load check's artifacts (pure: data in, markup out): percentiles over
 * time, the stress curve with the breaking point marked, and a latency histogram per region.
 */
const W = 640;
const H = 220;
const PAD = 40;

function scale(max: number, px: number) {
  return (v: number) => (max <= 0 ? 0 : (v / max) * px);
}

function frame(title: string, body: string, yMax: number, unit: string): string {
  return `<figure><figcaption>${h(title)}</figcaption><svg role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`
    + `<line x1="${PAD}" y1="${H - PAD}" x2="${W - 10}" y2="${H - PAD}" stroke="#999"/><line x1="${PAD}" y1="10" x2="${PAD}" y2="${H - PAD}" stroke="#999"/>`
    + `<text x="4" y="16" class="val">${h(`${Math.round(yMax)} ${unit}`)}</text>${body}</svg></figure>`;
}

function polyline(points: Array<[number, number]>, color: string, dash = ''): string {
  return `<polyline fill="none" stroke="${color}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`;
}

/** p50/p95/p99 per second of a run, the threshold as a dashed line. */
export function percentilesOverTime(title: string, series: readonly SeriesPoint[], thresholdMs: number): string {
  if (series.length === 0) return '';
  const yMax = Math.max(thresholdMs * 1.2, ...series.map((p) => p.p99Ms));
  const tMax = Math.max(1, series[series.length - 1].t);
  const x = (t: number) => PAD + scale(tMax, W - PAD - 10)(t);
  const y = (v: number) => H - PAD - scale(yMax, H - PAD - 10)(v);
  const line = (k: 'p50Ms' | 'p95Ms' | 'p99Ms', color: string) => polyline(series.map((p) => [x(p.t), y(p[k])]), color);
  const thr = `<line x1="${PAD}" x2="${W - 10}" y1="${y(thresholdMs)}" y2="${y(thresholdMs)}" class="thr"/>`;
  const legend = [['p50', '#90caf9'], ['p95', '#1565c0'], ['p99', '#6a1b9a']].map(([n, c], i) => `<text x="${W - 200 + i * 60}" y="20" fill="${c}" class="val">${n}</text>`).join('');
  return frame(title, line('p50Ms', '#90caf9') + line('p95Ms', '#1565c0') + line('p99Ms', '#6a1b9a') + thr + legend, yMax, 'ms');
}

/** p95 and error rate per stress step, the breaking point marked in red. */
export function stressCurve(s: StressFigures, thresholdMs: number, breakingUsers: number | null): string {
  if (s.steps.length === 0) return '';
  const yMax = Math.max(thresholdMs * 1.2, ...s.steps.map((x) => x.latency.p95Ms));
  const uMax = Math.max(...s.steps.map((x) => x.users));
  const x = (u: number) => PAD + scale(uMax, W - PAD - 20)(u);
  const y = (v: number) => H - PAD - scale(yMax, H - PAD - 10)(v);
  const p95 = polyline(s.steps.map((st) => [x(st.users), y(st.latency.p95Ms)]), '#1565c0');
  const errs = polyline(s.steps.map((st) => [x(st.users), H - PAD - st.errorRate * (H - PAD - 10)]), '#c62828', '4 3');
  const dots = s.steps.map((st) => `<circle cx="${x(st.users)}" cy="${y(st.latency.p95Ms)}" r="3" fill="${st.users === breakingUsers ? '#c62828' : '#1565c0'}"><title>${h(`${st.users} users: p95 ${st.latency.p95Ms} ms, ${(st.errorRate * 100).toFixed(2)} % errors, ${Math.round(st.throughputPerS)} r/s`)}</title></circle>`
    + `<text x="${x(st.users) - 8}" y="${H - PAD + 14}" class="val">${st.users}</text>`).join('');
  const mark = breakingUsers === null ? '' : `<line x1="${x(breakingUsers)}" x2="${x(breakingUsers)}" y1="10" y2="${H - PAD}" stroke="#c62828"/><text x="${x(breakingUsers) + 4}" y="24" class="val" fill="#c62828">breaking point: ${breakingUsers} users</text>`;
  const thr = `<line x1="${PAD}" x2="${W - 10}" y1="${y(thresholdMs)}" y2="${y(thresholdMs)}" class="thr"/>`;
  return frame(`Stress curve (${s.region}): p95 (blue), error rate (red, dashed) per step`, p95 + errs + dots + thr + mark, yMax, 'ms');
}

/** A latency histogram: requests per latency bucket (log-spaced), from per-region figures. */
export function latencyHistogram(title: string, buckets: ReadonlyArray<{ upToMs: number; count: number }>): string {
  if (buckets.length === 0) return '';
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const bw = (W - PAD - 10) / buckets.length;
  const bars = buckets.map((b, i) => {
    const hgt = scale(max, H - PAD - 10)(b.count);
    return `<rect x="${PAD + i * bw}" y="${H - PAD - hgt}" width="${Math.max(1, bw - 2)}" height="${hgt}" fill="#1565c0"><title>${h(`≤ ${b.upToMs} ms: ${b.count}`)}</title></rect>`
      + (i % 2 === 0 ? `<text x="${PAD + i * bw}" y="${H - PAD + 14}" class="val">${b.upToMs}</text>` : '');
  }).join('');
  return frame(title, bars, max, 'requests');
}
