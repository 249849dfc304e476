import type { Finding, Measurement } from '../evidence/types';
import type { Thresholds } from '../profile/target';
import type { LoadFigures, StepFigures, StressFigures } from './evidence';

/**
 * Judgements of load evidence against the profile's thresholds: pure functions, shared by the
 * engine's checks and the k6 importer, so equal numbers always give equal statuses.
 */
export interface Judgement {
  findings: Finding[];
  measurements: Record<string, Measurement>;
  message: string;
}

const ms = (v: number) => `${Math.round(v)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/** Latency above this share of the threshold in the runner's own event loop: the runner, not the target, is slow. */
export const RUNNER_SATURATION_SHARE = 0.25;

export function runnerSaturated(delayP99Ms: number | undefined, thresholds: Thresholds): boolean {
  return delayP99Ms !== undefined && delayP99Ms > thresholds.p95Ms * RUNNER_SATURATION_SHARE;
}

/** PERF-1 / PT-LOAD-3: p95 of the whole mix and of each endpoint under the threshold. */
export function judgeP95(f: LoadFigures, t: Thresholds): Judgement {
  const findings: Finding[] = [];
  if (f.latency.p95Ms >= t.p95Ms) {
    findings.push({ rule: null, endpoint: null, text: `p95 ${ms(f.latency.p95Ms)} over ${f.requests} requests of ${f.users} users in ${f.region} (threshold ${t.p95Ms} ms)` });
  }
  for (const e of f.perEndpoint) {
    if (e.requests > 0 && e.latency.p95Ms >= t.p95Ms) {
      findings.push({ rule: null, endpoint: e.endpoint, text: `${e.endpoint}: p95 ${ms(e.latency.p95Ms)} over ${e.requests} requests in ${f.region} (threshold ${t.p95Ms} ms)` });
    }
  }
  return {
    findings,
    measurements: {
      region: f.region, users: f.users, durationS: f.durationS, requests: f.requests, throughputPerS: round(f.throughputPerS),
      p50Ms: f.latency.p50Ms, p90Ms: f.latency.p90Ms, p95Ms: f.latency.p95Ms, p99Ms: f.latency.p99Ms, maxMs: f.latency.maxMs,
      thresholdMs: t.p95Ms, endpoints: f.perEndpoint.length, loadFrom: f.sourceMode, measuredBy: f.source,
      ...(f.runnerDelayP99Ms !== undefined ? { runnerDelayP99Ms: f.runnerDelayP99Ms } : {}),
    },
    message: `p50 ${ms(f.latency.p50Ms)}, p95 ${ms(f.latency.p95Ms)}, p99 ${ms(f.latency.p99Ms)}, max ${ms(f.latency.maxMs)} over ${f.requests} requests `
      + `(${round(f.throughputPerS)} r/s) from ${f.users} users in ${f.region}; threshold p95 < ${t.p95Ms} ms`,
  };
}

const CLASS_RULES: Record<string, { rule: string | null; component?: Finding['component'] }> = {
  'http-5xx': { rule: 'ERR-5' },
  'http-503': { rule: 'ERR-5' },
  'http-429': { rule: 'RL-1', component: 'edge' },
  envelope: { rule: 'ERR-1' },
  timeout: { rule: null },
  reset: { rule: null },
  unexpected: { rule: null },
  dropped: { rule: null },
};

/** PT-LOAD-3: error rate under the threshold; the classes say what the errors were. */
export function judgeErrors(f: LoadFigures, t: Thresholds): Judgement {
  const findings: Finding[] = [];
  const classes = Object.entries(f.counts).filter(([c, n]) => n && c !== 'ok' && c !== 'expected') as Array<[string, number]>;
  const breakdown = classes.map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
  if (f.errorRate >= t.errorRate) {
    findings.push({ rule: null, text: `error rate ${pct(f.errorRate)} (${f.errors} of ${f.requests}: ${breakdown}) in ${f.region}, threshold ${pct(t.errorRate)}` });
    for (const [c, n] of classes) {
      const r = CLASS_RULES[c] ?? { rule: null };
      findings.push({ rule: r.rule, component: r.component, text: `${n} ${c} answers under load in ${f.region}` });
    }
  }
  return {
    findings,
    measurements: {
      region: f.region, requests: f.requests, errors: f.errors, errorRate: round(f.errorRate, 5), thresholdErrorRate: t.errorRate,
      ...Object.fromEntries(classes.map(([c, n]) => [`errors.${c}`, n])), loadFrom: f.sourceMode, measuredBy: f.source,
    },
    message: `error rate ${pct(f.errorRate)} (${f.errors} of ${f.requests}; ${breakdown}) in ${f.region}; threshold < ${pct(t.errorRate)}`,
  };
}

/** The first step whose p95 or error rate crosses the thresholds (PT-STRESS-2), or null. */
export function breakingStep(steps: readonly StepFigures[], t: Thresholds): StepFigures | null {
  return steps.find((s) => s.requests > 0 && (s.latency.p95Ms >= t.p95Ms || s.errorRate >= t.errorRate)) ?? null;
}

/**
 * PT-STRESS-1/2: the curve up to the top step, and the breaking point named. A target that breaks
 * at or below the load it must carry (`loadUsers`, PT-LOAD-1) fails: that is not a stress finding.
 */
export function judgeBreakingPoint(s: StressFigures, t: Thresholds, loadUsers: number): Judgement {
  const top = s.steps.at(-1);
  const broke = breakingStep(s.steps, t);
  const curve = s.steps.map((x) => `${x.users} users: p95 ${ms(x.latency.p95Ms)}, ${pct(x.errorRate)} errors, ${round(x.throughputPerS)} r/s`).join('; ');
  const findings: Finding[] = [];
  if (broke && broke.users <= loadUsers) {
    findings.push({ rule: null, text: `breaks at ${broke.users} users (p95 ${ms(broke.latency.p95Ms)}, ${pct(broke.errorRate)} errors), at or below the ${loadUsers} users it must carry` });
  }
  const why = broke ? (broke.latency.p95Ms >= t.p95Ms ? `p95 ${ms(broke.latency.p95Ms)} ≥ ${t.p95Ms} ms` : `errors ${pct(broke.errorRate)} ≥ ${pct(t.errorRate)}`) : '';
  return {
    findings,
    measurements: {
      region: s.region, topUsers: top?.users ?? 0, breakingPointUsers: broke?.users ?? null,
      breakingPoint: broke ? `${broke.users} users (${why})` : `none up to ${top?.users ?? 0} users`,
      steps: s.steps.length, loadFrom: s.sourceMode, measuredBy: s.source,
    },
    message: broke ? `breaking point at ${broke.users} users (${why}); curve: ${curve}` : `no breaking point up to ${top?.users ?? 0} users; curve: ${curve}`,
  };
}

/**
 * PT-STRESS-3 (§16): overload answered with 429/503 in E1, no other 5xx, nothing slower than the
 * edge timeout, and p95 back to the baseline (first step) within the bound after load drops.
 */
export function judgeDegradation(s: StressFigures, t: Thresholds, edgeTimeoutMs: number): Judgement {
  const findings: Finding[] = [];
  const all = [...s.steps, ...(s.overload ? [s.overload] : [])];
  const sum = (k: string) => all.reduce((n, x) => n + ((x.counts as Record<string, number>)[k] ?? 0), 0);
  const other5xx = sum('http-5xx');
  const envelope = sum('envelope');
  const shed = sum('http-429') + sum('http-503');
  const slowest = Math.max(0, ...all.map((x) => x.latency.maxMs));
  if (other5xx > 0) findings.push({ rule: 'ERR-5', text: `${other5xx} answers were 5xx other than 503 under stress (overload must be 429 or 503)` });
  if (envelope > 0) findings.push({ rule: 'ERR-1', text: `${envelope} error answers under stress were not in the E1 envelope` });
  const timeouts = sum('timeout');
  if (slowest >= edgeTimeoutMs || timeouts > 0) {
    findings.push({ rule: 'EDGE-11', text: `answers slower than the edge timeout (${edgeTimeoutMs / 1000} s) or never complete under stress: slowest ${ms(slowest)}, ${timeouts} timed out` });
  }
  const baseline = s.steps[0]?.latency.p95Ms ?? 0;
  const bound = Math.max(baseline * 1.5, baseline + 50);
  const recoveredAt = s.recovery.find((p) => p.requests > 0 && p.p95Ms <= bound && p.p95Ms < t.p95Ms);
  const firstT = s.recovery[0]?.t ?? 0;
  const recoveryS = recoveredAt ? round(recoveredAt.t - firstT) : null;
  if (s.recovery.length > 0 && (recoveryS === null || recoveryS > s.recoveryBoundS)) {
    findings.push({ rule: null, text: `p95 did not return to the baseline (${ms(baseline)}, bound ${ms(bound)}) within ${s.recoveryBoundS} s after the load dropped` });
  }
  return {
    findings,
    measurements: {
      region: s.region, shed429or503: shed, other5xx, nonE1: envelope, timeouts, slowestMs: slowest, edgeTimeoutMs,
      baselineP95Ms: baseline, recoveredAfterS: recoveryS, recoveryBoundS: s.recoveryBoundS,
      overloadAnswered: s.overload ? describeOverload(s.overload) : 'no overload phase', measuredBy: s.source,
    },
    message: `overload answered: ${s.overload ? describeOverload(s.overload) : 'no overload phase'}; other 5xx ${other5xx}; slowest ${ms(slowest)}; `
      + `p95 back to baseline ${recoveryS === null ? 'never' : `after ${recoveryS} s`} (bound ${s.recoveryBoundS} s)`,
  };
}

function describeOverload(o: StepFigures): string {
  const c = o.counts as Record<string, number>;
  return `${o.requests} requests at ${o.users} users without think time: ${c.ok ?? 0} ok, ${c['http-429'] ?? 0}×429, ${c['http-503'] ?? 0}×503, `
    + `${c['http-5xx'] ?? 0} other 5xx, p95 ${ms(o.latency.p95Ms)}`;
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
