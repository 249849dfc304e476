import { escapeHtml } from '../report/escape';
import { label } from './categories';
import type { OwaspMatrices, OwaspRow } from './matrix';

/** The OWASP matrices for report.md (markdown lines) and report.html (a fragment), pure. */

const MARK: Record<OwaspRow['status'], string> = { pass: '✅ pass', fail: '❌ fail', 'not-covered': '⚪ not covered' };
const MAX_LISTED = 6;

const listed = (r: OwaspRow) => (r.checks.length === 0 ? '—' : `${r.checks.slice(0, MAX_LISTED).join(', ')}${r.checks.length > MAX_LISTED ? `, +${r.checks.length - MAX_LISTED} more` : ''}`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(title: string, rows: readonly OwaspRow[]): string[] {
  return [
    `### ${title}`, '',
    '| Category | Status | Checks | Not covered, why |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${cell(label(r))} | ${MARK[r.status]} | ${cell(listed(r))} | ${cell(r.why ?? '')} |`),
    '',
  ];
}

export function owaspMarkdown(m: OwaspMatrices): string[] {
  return ['## OWASP coverage', '', ...table('OWASP Top 10 2021', m.top10), ...table('OWASP API Security Top 10 2023', m.api)];
}

function htmlTable(title: string, rows: readonly OwaspRow[]): string {
  const body = rows.map((r) => `<tr class="owasp-${r.status}"><td>${escapeHtml(label(r))}</td><td>${escapeHtml(MARK[r.status])}</td><td>${escapeHtml(listed(r))}</td><td>${escapeHtml(r.why ?? '')}</td></tr>`).join('');
  return `<h3>${escapeHtml(title)}</h3><table class="owasp"><thead><tr><th>Category</th><th>Status</th><th>Checks</th><th>Not covered, why</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** `<section id="owasp">…</section>` for report.html. */
export function owaspHtml(m: OwaspMatrices): string {
  return `<section id="owasp"><h2>OWASP coverage</h2>${htmlTable('OWASP Top 10 2021', m.top10)}${htmlTable('OWASP API Security Top 10 2023', m.api)}</section>`;
}
