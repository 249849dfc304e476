import type { EvidenceItem, Finding } from './types';

/**
 * Findings in the report: every one is kept (text, endpoint, rule). report.json carries the
 * evidence of the first finding of each (endpoint, rule); the full list with every exchange goes
 * to `artifacts/<check-id>.jsonl` when it is long.
 */

/** More findings than this also go to a JSON-lines artifact (the report links to it). */
export const FINDINGS_FILE_THRESHOLD = 10;

const keyOf = (f: Finding) => `${f.endpoint ?? ''}\u0000${f.rule ?? ''}`;

/** Every finding, with evidence kept on the first of each (endpoint, rule) only. */
export function compactFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.map((f) => {
    const { evidence, ...rest } = f;
    if (!evidence?.length || seen.has(keyOf(f))) return rest;
    seen.add(keyOf(f));
    return { ...rest, evidence };
  });
}

/** The first exchange of each distinct (endpoint, rule), for the result's top-level `evidence`. */
export function representativeEvidence(findings: readonly Finding[]): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const f of findings) {
    const key = keyOf(f);
    if (seen.has(key) || !f.evidence?.length) continue;
    seen.add(key);
    out.push(...f.evidence.map((e) => ({ ...e, note: e.note ?? f.text })));
  }
  return out;
}

export interface FindingCount {
  key: string;
  count: number;
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): FindingCount[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const countByRule = (findings: readonly Finding[]) => countBy(findings, (f) => f.rule ?? 'no rule id');
export const countByEndpoint = (findings: readonly Finding[]) => countBy(findings, (f) => f.endpoint ?? (f.component && f.component !== 'service' ? f.component : 'no endpoint'));

const listCounts = (counts: FindingCount[]) => counts.map((c) => (c.count > 1 ? `${c.key} ×${c.count}` : c.key)).join(', ');

/** One headline for a list of findings: how many, which rules, which endpoints. */
export function summarizeFindings(findings: readonly Finding[]): string {
  const failing = findings.filter((f) => !f.advisory);
  const advisory = findings.length - failing.length;
  const shown = failing.length > 0 ? failing : findings;
  const endpoints = countByEndpoint(shown);
  const head = failing.length > 0
    ? `${failing.length} finding(s)`
    : `${advisory} advisory finding(s)`;
  const extra = failing.length > 0 && advisory > 0 ? ` (+${advisory} advisory)` : '';
  return `${head}${extra}; rules: ${listCounts(countByRule(shown))}; where: ${listCounts(endpoints)}`;
}

/** JSON lines: one finding per line, evidence included. */
export function findingsJsonl(findings: readonly Finding[]): string {
  return findings.map((f) => JSON.stringify(f)).join('\n') + (findings.length > 0 ? '\n' : '');
}
