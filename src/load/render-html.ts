import { escapeHtml as h } from '../report/escape';
import type { LoadCharts, RunCharts } from './report-data';
import { latencyHistogram, percentilesOverTime, stressCurve } from './render-svg';

/**
 * The load section of report.html (pure: chart data in, markup out): per run (load-100 per region,
 * stress-500, soak) the percentiles over time and the latency histogram, and the stress curve with
 * its breaking point. Empty when the run had no load evidence.
 */
function runFigures(r: RunCharts): string {
  const where = r.region ? ` through ${r.region}` : '';
  return percentilesOverTime(`${r.label}${where}: p50/p95/p99 per second (ms; dashed: threshold ${r.thresholdMs} ms)`, r.series, r.thresholdMs)
    + latencyHistogram(`${r.label}${where}: latency histogram of the judged phase`, r.buckets);
}

export function loadChartsHtml(c: LoadCharts): string {
  if (c.runs.length === 0 && !c.stress && c.missing.length === 0) return '';
  const parts = ['<h2>Load</h2>'];
  if (c.stress) parts.push(stressCurve(c.stress.figures, c.stress.thresholdMs, c.stress.breakingUsers));
  for (const r of c.runs) parts.push(runFigures(r));
  if (c.missing.length > 0) {
    parts.push(`<div class="note">${h(`Charts not drawn: ${c.missing.length} load artifact(s) named in report.json are not in this folder (${c.missing.join(', ')}).`)}</div>`);
  }
  return parts.join('\n');
}
