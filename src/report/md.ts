import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult, EvidenceItem } from '../evidence/types';
import { failingFirst, isBroken, perLayer, perRegion, type Counts } from './breakdown';
import type { Report, Reporter } from './types';

/**
 * report.md: fits a GitHub PR comment and $GITHUB_STEP_SUMMARY (both cap near 64 KB), so the
 * failing checks are written within a budget and excerpts are cut short.
 */
export const MD_BUDGET = 60_000;
const EXCERPT = 800;

const ICON: Record<string, string> = {
  pass: '✅', fail: '❌', error: '💥', skipped: '⏭️', 'not-evaluated': '❔', waived: '🟡',
};

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
  const lines = [`| ${title} | pass | fail | error | skipped |`, '|---|---:|---:|---:|---:|'];
  for (const [name, c] of rows) lines.push(`| ${cell(name)} | ${c.pass} | ${c.fail} | ${c.error} | ${c.skipped} |`);
  return lines.join('\n');
}

function evidenceText(e: EvidenceItem): string {
  return [e.note, e.request && `> ${e.request}`, e.response && `< ${e.response}`, e.reproduce && `$ ${e.reproduce}`]
    .filter(Boolean).join('\n');
}

function checkSection(c: CheckResult): string {
  const where = [c.region && `region ${c.region}`, c.endpoint && `endpoint ${c.endpoint}`].filter(Boolean).join(', ');
  const parts = [`#### ${ICON[c.status]} \`${c.id}\` ${c.title}${where ? ` (${where})` : ''}`];
  parts.push(`Criteria: ${c.criteria.join(', ') || 'none'} · ${c.status} · ${c.durationMs} ms`);
  parts.push(fence(c.message || '(no message)'));
  const evidence = c.evidence.slice(0, 2).map(evidenceText).filter(Boolean);
  if (evidence.length > 0) {
    parts.push(`<details><summary>Evidence (${c.evidence.length})</summary>\n\n${evidence.map((e) => fence(e)).join('\n\n')}\n\n</details>`);
  }
  return parts.join('\n\n');
}

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const verdictIcon = report.verdict === 'GO' ? '✅' : '❌';
  out.push(`## ${verdictIcon} gx-verify: **${report.verdict}**${report.complete ? '' : ' (incomplete run)'}`);
  out.push([
    `Run \`${report.runId}\` · profile \`${report.target.profile}\` · regions ${report.target.regions.join(', ') || 'none'}`,
    `layers ${report.layers.join(', ') || 'none'} · ${report.startedAt} → ${report.finishedAt}`,
  ].join(' · '));
  const s = report.summary;
  out.push(`Checks: ${s.checks.pass} pass, ${s.checks.fail} fail, ${s.checks.error} error, ${s.checks.skipped} skipped. `
    + `Criteria: ${s.criteria.pass} pass, ${s.criteria.fail} fail, ${s.criteria['not-evaluated']} not evaluated, ${s.criteria.waived} waived.`);
  for (const note of report.notes ?? []) out.push(`> **Note:** ${note}`);
  if (report.quick) out.push('> **Quick mode:** load phases were shortened; this run is not a go/no-go.');

  out.push('### Criteria');
  const rows = ['| Id | Status | Blocking | Criterion | Reason |', '|---|---|---|---|---|'];
  for (const c of report.criteria) {
    rows.push(`| ${c.id} | ${ICON[c.status]} ${c.status} | ${c.blocking ? 'yes' : 'no'} | ${cell(c.statement)} | ${cell(cut(c.reason, 300))} |`);
  }
  out.push(rows.join('\n'));

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
      const rest = broken.slice(shown).map((c) => `\`${c.id}\``);
      const list = rest.join(', ');
      sections.push(`… and ${rest.length} more failing checks (see report.html): ${cut(list, 1_500)}`);
    }
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
