import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CRITERION_GROUPS, CRITERION_STATUSES } from '../criteria/types';
import type { CheckResult } from '../evidence/types';
import { failingFirst, latencyRows, perLayer, perRegion, type Counts } from './breakdown';
import { groupedBars, stackedStatus } from './charts';
import { escapeHtml as h } from './escape';
import { blockedLine, findingCounts, findingLine, observedLine } from './findings-text';
import { owaspMatrices } from '../owasp/matrix';
import { owaspHtml } from '../owasp/render';
import { preLaunchSections } from './history';
import type { Report, Reporter } from './types';

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no external URLs) that
 * opens offline: verdict banner, criteria table, failing checks first with their evidence,
 * per-layer and per-region breakdown, latency charts where checks measured latency.
 */
const STATUS_COLORS = { pass: '#2e7d32', fail: '#c62828', error: '#6a1b9a', blocked: '#e65100', skipped: '#9e9e9e' };
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
.pass{color:#2e7d32}.fail{color:#c62828}.error{color:#6a1b9a}.skipped,.not-evaluated,.out-of-scope{color:#757575}.waived{color:#ef6c00}.blocked{color:#e65100}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.tile{flex:1 1 200px;background:#fff;border:1px solid #ddd;border-top:6px solid #9e9e9e;padding:8px 12px}
.tile.ok{border-top-color:#2e7d32}.tile.bad{border-top-color:#c62828}.tile.open{border-top-color:#ffb300}
.tile b{display:block;font-size:15px}.tile span{display:block;font-size:13px}
.scope{background:#e3f2fd;border-left:4px solid #1565c0;padding:6px 10px;margin:8px 0}
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

/**
 * The criteria at a glance, before the long table: one tile per group saying in words how many
 * pass, fail, wait or are waived (the colour only repeats what the text says).
 */
function criteriaSummary(report: Report): string {
  const tiles = CRITERION_GROUPS.map((group) => {
    const list = report.criteria.filter((c) => c.group === group);
    const count = (status: string) => list.filter((c) => c.status === status).length;
    const parts = CRITERION_STATUSES.filter((st) => count(st) > 0).map((st) => `${count(st)} ${st}`);
    const blocking = list.filter((c) => c.blocking && c.status !== 'pass' && c.status !== 'waived' && c.status !== 'out-of-scope');
    const state = blocking.some((c) => c.status === 'fail') ? 'bad' : blocking.length > 0 ? 'open' : 'ok';
    const verdictText = state === 'ok' ? 'nothing blocks' : `${blocking.length} blocking: ${blocking.map((c) => c.id).join(', ')}`;
    return `<div class="tile ${state}"><b>${h(group)}: ${list.length} criteria</b><span>${h(parts.join(', ') || 'none')}</span><span>${h(verdictText)}</span></div>`;
  });
  return `<div class="tiles" role="list">${tiles.join('')}</div>`;
}

function findingsTable(c: CheckResult): string {
  const findings = c.findings ?? [];
  if (findings.length === 0) return '';
  const rows = findings.map((f) => {
    const evidence = (f.evidence ?? []).map((e) => ['request', 'response', 'reproduce']
      .map((k) => e[k as keyof typeof e]).filter((v): v is string => Boolean(v)).map((v) => `<pre>${h(cut(v))}</pre>`).join('')).join('');
    return `<tr><td>${h(f.rule ?? '')}</td><td>${h(f.endpoint ?? '')}</td><td>${h(f.component ?? 'service')}</td>`
      + `<td>${f.advisory ? 'advisory' : 'breach'}</td><td>${h(f.text)}${evidence ? `<details><summary>exchange</summary>${evidence}</details>` : ''}</td></tr>`;
  }).join('');
  const file = c.findingsFile ? ` Every finding with its evidence: <code>${h(c.findingsFile)}</code>.` : '';
  return `<p>${findings.length} finding(s), ${h(findingCounts(c) ?? '')}.${file}</p>`
    + `<table><thead><tr><th>Rule</th><th>Where</th><th>Produced by</th><th>Kind</th><th>Finding</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function checkBlock(c: CheckResult): string {
  const meta = [c.layer, c.region && `region ${c.region}`, c.endpoint && `endpoint ${c.endpoint}`, `${c.durationMs} ms`,
    `criteria ${c.criteria.join(', ') || 'none'}`, c.rules?.length ? `rules ${c.rules.join(', ')}` : null, observedLine(c),
    blockedLine(c), c.incomplete ? 'incomplete: stopped before it finished' : null].filter(Boolean).join(' · ');
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
    + `<div>${h(meta)}</div><pre>${h(c.message || '(no message)')}</pre>${findingsTable(c)}${mtable}${evidence}`
    + `${artifacts ? `<div>Artifacts (in the run folder):<ul>${artifacts}</ul></div>` : ''}</details>`;
}

function countsTable(title: string, rows: Array<[string, Counts]>): string {
  const body = rows.map(([n, c]) => `<tr><td>${h(n)}</td><td>${c.pass}</td><td>${c.fail}</td><td>${c.error}</td><td>${c.blocked}</td><td>${c.skipped}</td></tr>`).join('');
  return `<table><thead><tr><th>${h(title)}</th><th>pass</th><th>fail</th><th>error</th><th>blocked</th><th>skipped</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The seed's API latency target (PERF-1, PT-LOAD-3), drawn as a reference line. */
const API_P95_TARGET_MS = 500;
const PERCENTILE_COLORS = ['#bbdefb', '#64b5f6', '#1e88e5', '#1565c0', '#0d47a1', '#002171'];

/** Every latency-bearing check, with every percentile it measured; a value it lacks is said in words. */
function latencyChart(report: Report): string {
  const { series, rows } = latencyRows(report.checks);
  if (rows.length === 0) return '';
  return groupedBars('Latency per check (ms)', series.map((name, i) => ({ name, color: PERCENTILE_COLORS[Math.min(i, PERCENTILE_COLORS.length - 1)] })),
    rows, 'ms', API_P95_TARGET_MS);
}

export function renderHtml(report: Report): string {
  const go = report.verdict === 'GO';
  const s = report.summary;
  const notes = [...(report.notes ?? []), ...(report.quick ? ['Quick mode: load phases were shortened; this run is not a go/no-go.'] : [])]
    .map((n) => `<div class="note">${h(n)}</div>`).join('');
  const ordered = failingFirst(report.checks);
  const scope = report.scope
    ? `<div class="scope">Verdict scope: ${report.scope.name ? `gate <b>${h(report.scope.name)}</b>` : '<b>--criteria</b>'} — ${report.scope.criteria.length} criteria decide the verdict (${h(report.scope.criteria.join(', '))}); the others are shown as out-of-scope.</div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>gx-verify ${h(report.verdict)} · ${h(report.runId)}</title><style>${CSS}</style></head>
<body><div class="banner ${go ? 'go' : 'nogo'}">gx-verify: ${h(report.verdict)}${report.complete ? '' : ' (incomplete run)'}
<small>Run ${h(report.runId)} · profile ${h(report.target.profile)} · regions ${h(report.target.regions.join(', ') || 'none')} · layers ${h(report.layers.join(', ') || 'none')} · ${h(report.startedAt)} → ${h(report.finishedAt)}</small></div>
<main>${scope}${notes}
<p>Checks: ${s.checks.pass} pass, ${s.checks.fail} fail, ${s.checks.error} error, ${s.checks.blocked ?? 0} blocked, ${s.checks.skipped} skipped. Criteria: ${s.criteria.pass} pass, ${s.criteria.fail} fail, ${s.criteria['not-evaluated']} not evaluated, ${s.criteria.waived} waived${s.criteria['out-of-scope'] ? `, ${s.criteria['out-of-scope']} out of scope` : ''}.</p>
<h2>Criteria at a glance</h2>${criteriaSummary(report)}
<h2>Criteria</h2>${criteriaTable(report)}
${preLaunchSections(report)}
${owaspHtml(report.owasp ?? owaspMatrices(report.checks))}
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
