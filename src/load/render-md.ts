import type { CheckResult } from '../evidence/types';

/**
 * Markdown lines for report.md from the load checks' measurements (pure): one table row per
 * region (latency and errors), then stress, per-endpoint, under-load and soak lines, so a PR
 * comment shows the numbers without the HTML page. A check that did not measure says why.
 */
const cell = (v: unknown) => String(v ?? '–').replace(/\|/g, '/').replace(/\r?\n/g, ' ');
const m = (c: CheckResult | undefined, k: string) => c?.measurements[k] ?? '–';

/** A status, and for a check without figures the first line of why. */
function state(c: CheckResult): string {
  const first = c.message.split('\n')[0];
  return c.status === 'pass' || c.status === 'fail' ? c.status : `${c.status}: ${first.length > 120 ? `${first.slice(0, 117)}...` : first}`;
}

function regionTable(checks: readonly CheckResult[]): string[] {
  const p95 = checks.filter((c) => c.id.startsWith('LOAD-P95-'));
  if (p95.length === 0) return [];
  const lines = ['| Region | Latency | Errors | Users | r/s | p50 | p95 | p99 | max | error rate | Load from |', '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const c of p95) {
    const errors = checks.find((x) => x.id === `LOAD-ERRORS-${c.region}`);
    const rate = typeof errors?.measurements.errorRate === 'number' ? `${(errors.measurements.errorRate * 100).toFixed(2)} %` : '–';
    lines.push(`| ${cell(c.region)} | ${cell(state(c))} | ${cell(errors ? state(errors) : '–')} | ${cell(m(c, 'users'))} | ${cell(m(c, 'throughputPerS'))} | ${cell(m(c, 'p50Ms'))} `
      + `| ${cell(m(c, 'p95Ms'))} | ${cell(m(c, 'p99Ms'))} | ${cell(m(c, 'maxMs'))} | ${rate} | ${cell(m(c, 'loadFrom'))} |`);
  }
  return lines;
}

export function loadSummaryLines(checks: readonly CheckResult[]): string[] {
  const byId = (id: string) => checks.find((c) => c.id === id);
  const stress = byId('STRESS-BREAKING-POINT');
  const degradation = byId('STRESS-DEGRADATION');
  const endpoints = byId('LOAD-ENDPOINTS');
  const lag = byId('LOAD-PROJECTOR-LAG');
  const db = byId('LOAD-DB-P95');
  const soak = byId('LOAD-SOAK');
  const table = regionTable(checks);
  const lines: string[] = [];
  if (stress) lines.push(`- Stress (${cell(m(stress, 'region'))}): ${state(stress)}; breaking point ${cell(m(stress, 'breakingPoint'))}.`);
  if (degradation) lines.push(`- Degradation: ${state(degradation)}; ${cell(m(degradation, 'overloadAnswered'))}; back to baseline after ${cell(m(degradation, 'recoveredAfterS'))} s.`);
  if (endpoints) lines.push(`- Per endpoint (${cell(m(endpoints, 'region'))}): ${state(endpoints)}; ${cell(m(endpoints, 'judged'))} routes judged, held ${cell(m(endpoints, 'heldSPerEndpoint'))} s each.`);
  if (lag) lines.push(`- Projector lag under load: ${state(lag)}; projector_lag_ms p95 ${cell(m(lag, 'projectorLagP95Ms'))} ms, probe lag p95 ${cell(m(lag, 'probeLagP95Ms'))} ms.`);
  if (db) {
    const figure = db.measurements.p95EstimateMs !== undefined ? `p95 ${cell(m(db, 'p95EstimateMs'))} ms (pg_stat_statements)` : `p95 ≤ ${cell(m(db, 'p95UpperBoundMs'))} ms (upper bound from request durations)`;
    lines.push(`- Database queries under load: ${state(db)}${db.status === 'pass' || db.status === 'fail' ? `; ${figure}` : ''}.`);
  }
  if (soak) lines.push(`- Soak: ${state(soak)}; p95 ${cell(m(soak, 'firstWindowP95Ms'))} ms first window, ${cell(m(soak, 'lastWindowP95Ms'))} ms last.`);
  if (table.length === 0 && lines.length === 0) return [];
  const grade = checks.filter((c) => c.layer === 'load').map((c) => c.measurements.grade).find(Boolean);
  return ['### Load', ...table, ...(table.length && lines.length ? [''] : []), ...lines, ...(grade ? [`Phases: ${cell(grade)}.`] : [])];
}
