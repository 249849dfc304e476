import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../evidence/types';
import { failingFirst, latencyMeasurements, perLayer, perRegion, type Counts } from './breakdown';
import { groupedBars, stackedStatus } from './charts';
import { escapeHtml as h } from './escape';
import type { Report, Reporter } from './types';

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no external URLs) that
 * opens offline: verdict banner, criteria table, failing checks first with their evidence,
 * per-layer and per-region breakdown, latency charts where checks measured latency.
 */
const STATUS_COLORS = { pass: '#2e7d32', fail: '#c62828', error: '#6a1b9a', skipped: '#9e9e9e' };
const MAX_EVIDENCE = 4_000;

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
main{max-width:1200px;margin:0 auto;padding:0 16px 48px}
.banner{padding:20px 24px;color:#fff;font-size:22px;font-weight:600}
.banner.go{background:#2e7d32}.banner.nogo{background:#c62828}
.banner small{display:block;font-size:13px;font-weight:400;opacity:.9}
table{border-collapse:collapse;width:100%;margin:8px 0 20px;background:#fff}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.st{font-weight:600;white-space:nowrap}
.pass{color:#2e7d32}.fail{color:#c62828}.error{color:#6a1b9a}.skipped,.not-evaluated{color:#757575}.waived{color:#ef6c00}
details{background:#fff;border:1px solid #ddd;margin:6px 0;padding:6px 10px}
summary{cursor:pointer}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f5f5;padding:8px;margin:6px 0;font-size:12px}
.note{background:#fff8e1;border-left:4px solid #ffb300;padding:6px 10px;margin:8px 0}
figure{margin:12px 0;background:#fff;border:1px solid #ddd;padding:8px;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:4px}
svg .lbl{font-size:12px}svg .val{font-size:11px;fill:#333}svg .thr{stroke:#c62828;stroke-dasharray:4 3}
`;

function cut(text: string, max = MAX_EVIDENCE): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (cut, ${text.length - max} more characters)`;
}

function criteriaTable(report: Report): string {
  const rows = report.criteria.map((c) => `<tr><td class="st">${h(c.id)}</td><td class="st ${h(c.status)}">${h(c.status)}</td>`
    + `<td>${c.blocking ? 'blocking' : 'advisory'}</td><td>${h(c.group)}</td><td>${h(c.statement)}</td>`
    + `<td>${h(c.reason)}</td><td>${c.checks.length}</td></tr>`).join('\n');
  return `<table><thead><tr><th>Id</th><th>Status</th><th>Blocking</th><th>Group</th><th>Criterion</th><th>Reason</th><th>Checks</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function checkBlock(c: CheckResult): string {
  const meta = [c.layer, c.region && `region ${c.region}`, c.endpoint && `endpoint ${c.endpoint}`, `${c.durationMs} ms`,
    `criteria ${c.criteria.join(', ') || 'none'}`].filter(Boolean).join(' · ');
  const measurements = Object.entries(c.measurements);
  const mtable = measurements.length > 0
    ? `<table><tbody>${measurements.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(String(v))}</td></tr>`).join('')}</tbody></table>` : '';
  const evidence = c.evidence.map((e) => ['note', 'request', 'response', 'reproduce']
    .map((k) => e[k as keyof typeof e])
    .filter((v): v is string => Boolean(v))
    .map((v) => `<pre>${h(cut(v))}</pre>`).join('')).join('<hr>');
  const artifacts = (c.artifacts ?? []).map((a) => `<li>${h(a)}</li>`).join('');
  const open = c.status === 'fail' || c.status === 'error' ? ' open' : '';
  return `<details${open}><summary><span class="st ${h(c.status)}">${h(c.status)}</span> <code>${h(c.id)}</code> ${h(c.title)}</summary>`
    + `<div>${h(meta)}</div><pre>${h(c.message || '(no message)')}</pre>${mtable}${evidence}`
    + `${artifacts ? `<div>Artifacts (in the run folder):<ul>${artifacts}</ul></div>` : ''}</details>`;
}

function countsTable(title: string, rows: Array<[string, Counts]>): string {
  const body = rows.map(([n, c]) => `<tr><td>${h(n)}</td><td>${c.pass}</td><td>${c.fail}</td><td>${c.error}</td><td>${c.skipped}</td></tr>`).join('');
  return `<table><thead><tr><th>${h(title)}</th><th>pass</th><th>fail</th><th>error</th><th>skipped</th></tr></thead><tbody>${body}</tbody></table>`;
}

function latencyChart(report: Report): string {
  const rows = report.checks
    .map((c) => ({ c, m: new Map(latencyMeasurements(c)) }))
    .filter(({ m }) => m.has('p95Ms') || m.has('p50Ms'))
    .slice(0, 60)
    .map(({ c, m }) => ({ label: c.id, values: [m.get('p50Ms') ?? NaN, m.get('p95Ms') ?? NaN] }));
  if (rows.length === 0) return '';
  return groupedBars('Latency per check (ms)', [{ name: 'p50', color: '#64b5f6' }, { name: 'p95', color: '#1565c0' }], rows, 'ms', 500);
}

export function renderHtml(report: Report): string {
  const go = report.verdict === 'GO';
  const s = report.summary;
  const notes = [...(report.notes ?? []), ...(report.quick ? ['Quick mode: load phases were shortened; this run is not a go/no-go.'] : [])]
    .map((n) => `<div class="note">${h(n)}</div>`).join('');
  const ordered = failingFirst(report.checks);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>gx-verify ${h(report.verdict)} · ${h(report.runId)}</title><style>${CSS}</style></head>
<body><div class="banner ${go ? 'go' : 'nogo'}">gx-verify: ${h(report.verdict)}${report.complete ? '' : ' (incomplete run)'}
<small>Run ${h(report.runId)} · profile ${h(report.target.profile)} · regions ${h(report.target.regions.join(', ') || 'none')} · layers ${h(report.layers.join(', ') || 'none')} · ${h(report.startedAt)} → ${h(report.finishedAt)}</small></div>
<main>${notes}
<p>Checks: ${s.checks.pass} pass, ${s.checks.fail} fail, ${s.checks.error} error, ${s.checks.skipped} skipped. Criteria: ${s.criteria.pass} pass, ${s.criteria.fail} fail, ${s.criteria['not-evaluated']} not evaluated, ${s.criteria.waived} waived.</p>
<h2>Criteria</h2>${criteriaTable(report)}
<h2>Breakdown</h2>${stackedStatus('Checks per layer', perLayer(report), STATUS_COLORS)}${stackedStatus('Checks per region', perRegion(report), STATUS_COLORS)}
${countsTable('Layer', perLayer(report))}${countsTable('Region', perRegion(report))}
${latencyChart(report)}
<h2>Checks (failing first)</h2>${ordered.map(checkBlock).join('\n')}
</main></body></html>
`;
}

export const html: Reporter = async (report, runDir) => {
  const file = path.join(runDir, 'report.html');
  await writeFile(file, renderHtml(report));
  return [file];
};
