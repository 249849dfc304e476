import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult, EvidenceItem } from '../evidence/types';
import { failingFirst, isBroken, perLayer, perRegion, type Counts } from './breakdown';
import { blockedLine, findingCounts, findingLine, fullListPointer, observedLine } from './findings-text';
import { owaspMatrices } from '../owasp/matrix';
import { owaspMarkdown } from '../owasp/render';
import type { Report, Reporter } from './types';

/**
 * report.md: fits a GitHub PR comment and $GITHUB_STEP_SUMMARY (both cap near 64 KB). Every
 * failing check shows its finding counts per rule and endpoint; finding lines and excerpts are
 * written within the budget, and whatever does not fit is named with where the full list is
 * (report.json, report.html, artifacts/<check>.jsonl) — never dropped silently.
 */
export const MD_BUDGET = 60_000;
const EXCERPT = 800;

const ICON: Record<string, string> = {
  pass: '✅', fail: '❌', error: '💥', skipped: '⏭️', blocked: '⛔', 'not-evaluated': '❔', waived: '🟡', 'out-of-scope': '➖',
};
/** Finding lines shown per failing check before pointing at the full list. */
const MD_FINDINGS = 25;

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function cut(text: string, max = EXCERPT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (cut, ${text.length - max} more characters)`;
}

function fence(text: string): string {
  return `\`\`\`\n${cut(text).replace(/```/g, "'''")}\n\`\`\``;
}

function countsTable(title: string, rows: Array<[string, Counts]>): string {
  const lines = [`| ${title} | pass | fail | error | blocked | skipped |`, '|---|---:|---:|---:|---:|---:|'];
  for (const [name, c] of rows) lines.push(`| ${cell(name)} | ${c.pass} | ${c.fail} | ${c.error} | ${c.blocked} | ${c.skipped} |`);
  return lines.join('\n');
}

function evidenceText(e: EvidenceItem): string {
  return [e.note, e.request && `> ${e.request}`, e.response && `< ${e.response}`, e.reproduce && `$ ${e.reproduce}`]
    .filter(Boolean).join('\n');
}

function checkSection(c: CheckResult): string {
  const where = [c.region && `region ${c.region}`, c.endpoint && `endpoint ${c.endpoint}`].filter(Boolean).join(', ');
  const parts = [`#### ${ICON[c.status]} \`${c.id}\` ${c.title}${where ? ` (${where})` : ''}`];
  const facts = [`Criteria: ${c.criteria.join(', ') || 'none'}`, c.status + (c.incomplete ? ' (incomplete: stopped early)' : ''), `${c.durationMs} ms`,
    observedLine(c)].filter(Boolean);
  parts.push(facts.join(' · '));
  parts.push(fence(c.message || '(no message)'));
  const findings = c.findings ?? [];
  const counts = findingCounts(c);
  if (counts) {
    const shown = findings.slice(0, MD_FINDINGS).map((f) => `- ${cell(cut(findingLine(f), 300))}`);
    const rest = findings.length - shown.length;
    parts.push([`${findings.length} finding(s), ${counts}.`, ...shown,
      ...(rest > 0 ? [`- … ${rest} more; ${fullListPointer(c)}.`] : [])].join('\n'));
  }
  const evidence = c.evidence.slice(0, 2).map(evidenceText).filter(Boolean);
  if (evidence.length > 0) {
    const more = c.evidence.length > 2 ? `\n\n${c.evidence.length - 2} more exchange(s) in report.html.` : '';
    parts.push(`<details><summary>Evidence (${c.evidence.length})</summary>\n\n${evidence.map((e) => fence(e)).join('\n\n')}${more}\n\n</details>`);
  }
  return parts.join('\n\n');
}

function scopeLine(report: Report): string | null {
  const scope = report.scope;
  if (!scope) return null;
  const name = scope.name ? `gate \`${scope.name}\`` : '`--criteria`';
  return `**Verdict scope:** ${name} — ${scope.criteria.length} criteria decide the verdict (${scope.criteria.join(', ')}); `
    + 'the others are shown as out-of-scope.';
}

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const verdictIcon = report.verdict === 'GO' ? '✅' : '❌';
  out.push(`## ${verdictIcon} gx-verify: **${report.verdict}**${report.complete ? '' : ' (incomplete run)'}`);
  out.push([
    `Run \`${report.runId}\` · profile \`${report.target.profile}\` · regions ${report.target.regions.join(', ') || 'none'}`,
    `layers ${report.layers.join(', ') || 'none'} · ${report.startedAt} → ${report.finishedAt}`,
  ].join(' · '));
  const scope = scopeLine(report);
  if (scope) out.push(scope);
  const s = report.summary;
  out.push(`Checks: ${s.checks.pass} pass, ${s.checks.fail} fail, ${s.checks.error} error, ${s.checks.blocked ?? 0} blocked, ${s.checks.skipped} skipped. `
    + `Criteria: ${s.criteria.pass} pass, ${s.criteria.fail} fail, ${s.criteria['not-evaluated']} not evaluated, ${s.criteria.waived} waived`
    + `${s.criteria['out-of-scope'] ? `, ${s.criteria['out-of-scope']} out of scope` : ''}.`);
  for (const note of report.notes ?? []) out.push(`> **Note:** ${note}`);
  if (report.quick) out.push('> **Quick mode:** load phases were shortened; this run is not a go/no-go.');

  out.push('### Criteria');
  const rows = ['| Id | Status | Blocking | Criterion | Reason |', '|---|---|---|---|---|'];
  for (const c of report.criteria) {
    rows.push(`| ${c.id} | ${ICON[c.status]} ${c.status} | ${c.blocking ? 'yes' : 'no'} | ${cell(c.statement)} | ${cell(c.reason)} |`);
  }
  out.push(rows.join('\n'));

  out.push(...owaspMarkdown(report.owasp ?? owaspMatrices(report.checks)));

  out.push('### Counts');
  out.push(countsTable('Layer', perLayer(report)));
  out.push(countsTable('Region', perRegion(report)));

  const broken = failingFirst(report.checks).filter(isBroken);
  const head = out.join('\n\n');
  const sections: string[] = [];
  if (broken.length > 0) {
    sections.push(`### Failing checks (${broken.length})`);
    let size = head.length + 200;
    let shown = 0;
    for (const c of broken) {
      const text = checkSection(c);
      if (size + text.length > MD_BUDGET - 2_000) break;
      sections.push(text);
      size += text.length + 2;
      shown++;
    }
    if (shown < broken.length) {
      const rest = broken.slice(shown).map((c) => `\`${c.id}\` (${c.status})`);
      sections.push(`${rest.length} more failing check(s) did not fit this summary; report.html and report.json hold them in full: ${rest.join(', ')}`);
    }
  }
  const blocked = report.checks.filter((c) => c.status === 'blocked');
  if (blocked.length > 0) {
    sections.push(`### Blocked checks (${blocked.length})\n\nTheir outcome is explained by a failed prerequisite; fix the root cause first.\n\n`
      + blocked.map((c) => `- \`${c.id}\`: ${blockedLine(c)}`).join('\n'));
  }
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  if (skipped > 0) sections.push(`${skipped} checks were skipped; report.html and report.json list each with its reason.`);
  return `${[head, ...sections].join('\n\n')}\n`;
}

export const md: Reporter = async (report, runDir) => {
  const file = path.join(runDir, 'report.md');
  await writeFile(file, renderMarkdown(report));
  return [file];
};
