import { countByEndpoint, countByRule, type FindingCount } from '../evidence/findings';
import type { CheckResult, Finding } from '../evidence/types';

/**
 * Findings as text for every reporter: each one a line, and the counts per rule and per
 * endpoint that summarize a long list. Reporters never drop a finding silently: where a format
 * has no room (a PR comment), it shows the counts and points at the full list.
 */
export function findingLine(f: Finding): string {
  const where = f.endpoint ?? (f.component && f.component !== 'service' ? f.component : null);
  const who = f.component && f.component !== 'service' && f.endpoint ? ` (${f.component})` : '';
  return `${f.advisory ? '[advisory] ' : ''}${f.rule ? `[${f.rule}] ` : ''}${where ? `${where}${who}: ` : ''}${f.text}`;
}

const counts = (list: FindingCount[]) => list.map((c) => `${c.key} ×${c.count}`).join(', ');

/** "by rule: ERR-5 ×3, HTTP-4 ×1 · by endpoint: #1 ×2, edge ×2", or null without findings. */
export function findingCounts(c: CheckResult): string | null {
  const findings = c.findings ?? [];
  if (findings.length === 0) return null;
  return `by rule: ${counts(countByRule(findings))} · by endpoint: ${counts(countByEndpoint(findings))}`;
}

/** Where the complete list lives, for formats that show only part of it. */
export function fullListPointer(c: CheckResult): string {
  return c.findingsFile
    ? `every finding with its evidence: ${c.findingsFile} (also in report.json and report.html)`
    : 'every finding: report.json and report.html';
}

/** The blocked line: which prerequisite explains the outcome. */
export function blockedLine(c: CheckResult): string | null {
  return c.status === 'blocked' && c.blockedBy?.length ? `blocked by ${c.blockedBy.join(', ')}` : null;
}

/** Judged vs unusable exchanges, in words. */
export function observedLine(c: CheckResult): string | null {
  const o = c.observed;
  if (!o) return null;
  const kinds = Object.entries(o.unusableKinds ?? {}).map(([k, n]) => `${k} ×${n}`).join(', ');
  return `exercised: ${o.judged} judged, ${o.unusable} unusable${kinds ? ` (${kinds})` : ''}`;
}
