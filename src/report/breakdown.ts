import { CHECK_STATUSES, type CheckResult, type CheckStatus } from '../evidence/types';
import type { Report } from './types';

/** Counts shared by the md and html reporters: per layer, per region, failing checks first. */
export type Counts = Record<CheckStatus, number>;

function empty(): Counts {
  return Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Counts;
}

function groupCounts(checks: CheckResult[], key: (c: CheckResult) => string): Array<[string, Counts]> {
  const map = new Map<string, Counts>();
  for (const c of checks) {
    const k = key(c);
    const counts = map.get(k) ?? empty();
    counts[c.status]++;
    map.set(k, counts);
  }
  return [...map.entries()];
}

export function perLayer(report: Report): Array<[string, Counts]> {
  return groupCounts(report.checks, (c) => c.layer);
}

export function perRegion(report: Report): Array<[string, Counts]> {
  return groupCounts(report.checks, (c) => c.region ?? '(all regions)');
}

const ORDER: Record<CheckStatus, number> = { fail: 0, error: 1, blocked: 2, skipped: 3, pass: 4 };

/** Checks with failures and errors first, then blocked, skipped, passes; stable within a status. */
export function failingFirst(checks: CheckResult[]): CheckResult[] {
  return checks.map((c, i) => [c, i] as const)
    .sort((a, b) => ORDER[a[0].status] - ORDER[b[0].status] || a[1] - b[1])
    .map(([c]) => c);
}

export function isBroken(c: CheckResult): boolean {
  return c.status === 'fail' || c.status === 'error';
}

/** Percentile keys in chart order: p50Ms, p90Ms, p95Ms, p99Ms, then maxMs. */
const PERCENTILE = /^p(\d+(?:\.\d+)?)Ms$/;
function percentileOrder(key: string): number {
  const m = PERCENTILE.exec(key);
  return m ? Number(m[1]) : key === 'maxMs' ? 1000 : -1;
}

/**
 * Rows for the latency chart: every check that measured a percentile (`p50Ms`, `p95Ms`, …, `maxMs`),
 * one series per percentile any of them measured; a percentile a check did not measure is NaN
 * (the chart says "not measured").
 */
export function latencyRows(checks: readonly CheckResult[]): { series: string[]; rows: Array<{ label: string; values: number[] }> } {
  const measured = checks.map((c) => ({ c, m: new Map(latencyMeasurements(c).filter(([k]) => percentileOrder(k) >= 0)) }))
    .filter(({ m }) => m.size > 0);
  const keys = [...new Set(measured.flatMap(({ m }) => [...m.keys()]))].sort((a, b) => percentileOrder(a) - percentileOrder(b));
  return {
    series: keys.map((k) => k.replace(/Ms$/, '')),
    rows: measured.map(({ c, m }) => ({ label: c.id, values: keys.map((k) => m.get(k) ?? Number.NaN) })),
  };
}

/** Latency-like measurements (numbers whose key ends in Ms), for charts. */
export function latencyMeasurements(c: CheckResult): Array<[string, number]> {
  return Object.entries(c.measurements)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && /Ms$/.test(e[0]));
}
