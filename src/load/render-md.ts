import type { CheckResult } from '../evidence/types';

/**
 * Markdown lines for report.md from the load checks' measurements (pure): one table row per
 * region and the stress verdict, so a PR comment shows the numbers without the HTML page.
 */
export function loadSummaryLines(checks: readonly CheckResult[]): string[] {
  const p95 = checks.filter((c) => c.id.startsWith('LOAD-P95-'));
  const stress = checks.find((c) => c.id === 'STRESS-BREAKING-POINT');
  const degradation = checks.find((c) => c.id === 'STRESS-DEGRADATION');
  if (p95.length === 0 && !stress) return [];
  const m = (c: CheckResult, k: string) => (c.measurements[k] ?? '–');
  const lines = ['### Load', '| Region | Status | Users | r/s | p50 | p95 | p99 | max | Load from |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const c of p95) {
    lines.push(`| ${c.region ?? '–'} | ${c.status} | ${m(c, 'users')} | ${m(c, 'throughputPerS')} | ${m(c, 'p50Ms')} | ${m(c, 'p95Ms')} | ${m(c, 'p99Ms')} | ${m(c, 'maxMs')} | ${String(m(c, 'loadFrom')).replace(/\|/g, '/')} |`);
  }
  if (stress) lines.push('', `Stress (${m(stress, 'region')}): ${stress.status}, breaking point ${m(stress, 'breakingPoint')}.`);
  if (degradation) lines.push(`Degradation: ${degradation.status}, ${m(degradation, 'overloadAnswered')}; back to baseline after ${m(degradation, 'recoveredAfterS')} s.`);
  const grade = p95[0]?.measurements.grade ?? stress?.measurements.grade;
  if (grade) lines.push(`Phases: ${grade}.`);
  return lines;
}
