import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from './escape';
import type { Report } from './types';

/**
 * The pre-launch review's memory: the key numbers of earlier runs (verdict, p95 per region,
 * projector lag, TLS grade) read from their report.json files, drawn as trends beside the current
 * run, and a sign-off block that names who approves, on what, and the waivers the approval carries
 * (each with its approver and expiry). Pure functions: files → data, data → an HTML fragment
 * (inline SVG, no script, opens offline like the rest of report.html).
 */
export interface HistoryPoint {
  runId: string;
  startedAt: string;
  verdict: string;
  /** p95 (ms) per region: the load layer's LOAD-P95, else the slowest region-scoped p95 a check measured. */
  p95ByRegion: Record<string, number>;
  /** Projector lag p95 (ms): under load when measured, else idle (RT-LAG). */
  lagMs: number | null;
  /** The worst SSL Labs grade over the edges. */
  tlsGrade: string | null;
}

const GRADES = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'T', 'M'];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const base = (id: string, region: string | null) => (region && id.endsWith(`-${region}`) ? id.slice(0, -region.length - 1) : id);

/** The key numbers of one report. */
export function historyPoint(report: Report): HistoryPoint {
  const p95ByRegion: Record<string, number> = {};
  for (const c of report.checks) {
    const p95 = num(c.measurements.p95Ms);
    if (!c.region || p95 === null) continue;
    const fromLoad = base(c.id, c.region) === 'LOAD-P95';
    if (fromLoad || p95ByRegion[c.region] === undefined) p95ByRegion[c.region] = fromLoad ? p95 : Math.max(p95, p95ByRegion[c.region] ?? 0);
  }
  const lagCheck = report.checks.find((c) => base(c.id, c.region) === 'LOAD-PROJECTOR-LAG' && num(c.measurements.projectorLagP95Ms) !== null)
    ?? report.checks.find((c) => c.id === 'RT-LAG');
  const lagMs = lagCheck ? num(lagCheck.measurements.projectorLagP95Ms) ?? num(lagCheck.measurements.lagP95Ms) : null;
  const grades = report.checks.filter((c) => base(c.id, c.region) === 'SEC-TLS-GRADE' && typeof c.measurements.grade === 'string')
    .map((c) => String(c.measurements.grade));
  const tlsGrade = grades.sort((a, b) => GRADES.indexOf(b) - GRADES.indexOf(a))[0] ?? null;
  return { runId: report.runId, startedAt: report.startedAt, verdict: report.verdict, p95ByRegion, lagMs, tlsGrade };
}

/**
 * Earlier runs from report.json files or folders holding them (a folder of run directories, or of
 * `<run-id>.json` copies), oldest first. Unreadable files are reported, never fatal.
 */
export function readHistory(paths: readonly string[]): { points: HistoryPoint[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const visit = (p: string, depth: number) => {
    let st;
    try { st = statSync(p); } catch { problems.push(`${p}: not found`); return; }
    if (st.isFile()) { if (p.endsWith('.json')) files.push(p); return; }
    if (depth > 1) return;
    for (const name of readdirSync(p).sort()) {
      const child = path.join(p, name);
      if (name === 'report.json' || (name.endsWith('.json') && depth === 0) || statSync(child).isDirectory()) visit(child, depth + 1);
    }
  };
  for (const p of paths) visit(p, 0);
  const points: HistoryPoint[] = [];
  for (const file of files) {
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
      if (!report.runId || !Array.isArray(report.checks)) { problems.push(`${file}: not a gx-verify report.json`); continue; }
      points.push(historyPoint(report));
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  points.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { points, problems };
}

/** A small line chart of one series over the runs; null values leave a gap. */
export function trendSvg(title: string, labels: readonly string[], values: ReadonlyArray<number | null>, unit: string, threshold?: number): string {
  const w = 360;
  const h = 120;
  const pad = 28;
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(1, threshold ?? 0, ...known) * 1.1;
  const x = (i: number) => pad + (labels.length <= 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (labels.length - 1));
  const y = (v: number) => h - pad - (v / max) * (h - 2 * pad);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) { if (current.length) segments.push(current.join(' ')); current = []; return; }
    current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const dots = values.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${escapeHtml(`${labels[i]}: ${Math.round(v)} ${unit}`)}</title></circle>`)).join('');
  const limit = threshold === undefined ? '' : `<line x1="${pad}" x2="${w - pad}" y1="${y(threshold).toFixed(1)}" y2="${y(threshold).toFixed(1)}" stroke="#c0392b" stroke-dasharray="4 3"><title>threshold ${threshold} ${unit}</title></line>`;
  return `<figure class="trend"><figcaption>${escapeHtml(title)}</figcaption>`
    + `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(title)}">`
    + `<line x1="${pad}" x2="${w - pad}" y1="${h - pad}" y2="${h - pad}" stroke="#999"/>`
    + `<text x="2" y="${pad}" font-size="10">${Math.round(max)} ${escapeHtml(unit)}</text>${limit}`
    + segments.map((s) => `<polyline fill="none" stroke="#2c7be5" stroke-width="2" points="${s}"/>`).join('')
    + `<g fill="#2c7be5">${dots}</g></svg></figure>`;
}

/** The history table and trend charts: earlier runs then the current one (marked). */
export function historySection(points: readonly HistoryPoint[], current: HistoryPoint, thresholds: { p95Ms?: number; lagMs?: number } = {}): string {
  const all = [...points.filter((p) => p.runId !== current.runId), current];
  const regions = [...new Set(all.flatMap((p) => Object.keys(p.p95ByRegion)))].sort();
  const head = ['Run', 'Started', 'Verdict', ...regions.map((r) => `p95 ${r} (ms)`), 'Lag p95 (ms)', 'TLS grade'];
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v)));
  const rows = all.map((p) => `<tr${p === current ? ' class="current"' : ''}><td>${escapeHtml(p.runId)}${p === current ? ' (this run)' : ''}</td><td>${escapeHtml(p.startedAt)}</td>`
    + `<td class="verdict-${escapeHtml(p.verdict)}">${escapeHtml(p.verdict)}</td>${regions.map((r) => `<td>${cell(p.p95ByRegion[r])}</td>`).join('')}`
    + `<td>${cell(p.lagMs)}</td><td>${escapeHtml(p.tlsGrade ?? '—')}</td></tr>`).join('');
  const labels = all.map((p) => p.runId);
  const charts = [
    ...regions.map((r) => trendSvg(`p95 ${r}`, labels, all.map((p) => p.p95ByRegion[r] ?? null), 'ms', thresholds.p95Ms)),
    trendSvg('Projector lag p95', labels, all.map((p) => p.lagMs), 'ms', thresholds.lagMs),
    trendSvg('Verdict (1 = GO)', labels, all.map((p) => (p.verdict === 'GO' ? 1 : 0)), ''),
  ];
  return `<section class="history"><h2>History of previous runs</h2>`
    + (points.length === 0 ? '<p>No earlier report.json was given: this run starts the history.</p>' : '')
    + `<table><thead><tr>${head.map((x) => `<th>${escapeHtml(x)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
    + `<div class="trends">${charts.join('')}</div></section>`;
}

export interface SignOff {
  /** Who is asked to approve (or approved, when `signedAt` is given). */
  approver: string;
  role?: string;
  signedAt?: string;
  /** The release under review (commit, tag). */
  release?: string;
}

export interface WaiverRecord { criterion: string; reason: string; approvedBy: string; expires?: string }

/** Waivers a pre-launch sign-off cannot carry: no approver, no expiry, or expired. */
export function waiverProblems(waivers: readonly WaiverRecord[], now = new Date()): string[] {
  return waivers.flatMap((w) => {
    const out: string[] = [];
    if (!w.approvedBy?.trim()) out.push(`${w.criterion}: the waiver names no approver`);
    if (!w.expires) out.push(`${w.criterion}: the waiver has no expiry date`);
    else if (!(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(w.expires) ? `${w.expires}T23:59:59.999Z` : w.expires) > now.getTime())) out.push(`${w.criterion}: the waiver expired on ${w.expires}`);
    return out;
  });
}

/** The sign-off block: the verdict, what is signed, the waivers it carries, and the signature line. */
export function signOffBlock(report: Report, signOff: SignOff, waivers: readonly WaiverRecord[]): string {
  const problems = waiverProblems(waivers);
  const blocking = report.criteria.filter((c) => c.blocking && (c.status === 'fail' || c.status === 'not-evaluated'));
  const rows = waivers.map((w) => `<tr><td>${escapeHtml(w.criterion)}</td><td>${escapeHtml(w.approvedBy)}</td><td>${escapeHtml(w.expires ?? 'none')}</td><td>${escapeHtml(w.reason)}</td></tr>`).join('');
  const signable = report.verdict === 'GO' && report.complete && problems.length === 0;
  return `<section class="sign-off"><h2>Sign-off</h2>`
    + `<p>Run <b>${escapeHtml(report.runId)}</b> against <b>${escapeHtml(report.target.profile)}</b>${signOff.release ? `, release <b>${escapeHtml(signOff.release)}</b>` : ''}: verdict <b>${escapeHtml(report.verdict)}</b>${report.complete ? '' : ' (incomplete run)'}.</p>`
    + (blocking.length ? `<p>Blocking criteria not passed: ${blocking.map((c) => escapeHtml(`${c.id} (${c.status})`)).join(', ')}.</p>` : '')
    + `<h3>Waivers carried by this approval</h3>`
    + (waivers.length ? `<table><thead><tr><th>Criterion</th><th>Approved by</th><th>Expires</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None.</p>')
    + (problems.length ? `<ul class="problems">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '')
    + `<p class="signature">${signable ? 'Ready to sign' : 'Cannot be signed as is'}: ${escapeHtml(signOff.approver)}${signOff.role ? `, ${escapeHtml(signOff.role)}` : ''}`
    + ` — ${signOff.signedAt ? `signed ${escapeHtml(signOff.signedAt)}` : 'signature: ____________________ date: __________'}</p></section>`;
}

/**
 * The one call report.html needs (`${preLaunchSections(report)}` after the criteria): the history
 * when `GXV_HISTORY_DIR` names earlier report.json files, the sign-off block when
 * `GXV_SIGNOFF_APPROVER` names who signs (pre-launch.yml sets both). Waivers come from the
 * report's `waivers` when it carries them (with approver and expiry); otherwise from its waived
 * criteria, whose expiry is then unknown and the block says it cannot be signed. '' when neither is set.
 */
export function preLaunchSections(report: Report & { waivers?: WaiverRecord[] }, env: NodeJS.ProcessEnv = process.env): string {
  const parts: string[] = [];
  if (env.GXV_HISTORY_DIR) {
    const { points, problems } = readHistory(env.GXV_HISTORY_DIR.split(',').filter(Boolean));
    parts.push(historySection(points, historyPoint(report)));
    if (problems.length) parts.push(`<p class="history-problems">Not read: ${problems.map(escapeHtml).join('; ')}</p>`);
  }
  if (env.GXV_SIGNOFF_APPROVER) {
    const waivers = report.waivers ?? report.criteria.filter((c) => c.status === 'waived').map((c) => ({
      criterion: c.id, reason: c.reason, approvedBy: /^Waived by ([^:]+):/.exec(c.reason)?.[1] ?? '',
    }));
    parts.push(signOffBlock(report, { approver: env.GXV_SIGNOFF_APPROVER, release: env.GXV_SIGNOFF_RELEASE, role: env.GXV_SIGNOFF_ROLE }, waivers));
  }
  return parts.join('\n');
}
