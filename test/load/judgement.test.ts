import { describe, expect, it } from 'vitest';
import type { LoadFigures, StepFigures, StressFigures } from '../../src/load/evidence';
import type { LatencySummary } from '../../src/load/histogram';
import { judgeBreakingPoint, judgeErrors, judgeP95, MIN_P95_SAMPLES } from '../../src/load/judge';
import { emptyCounts } from '../../src/load/outcome';
import { decide, discountFigures, discountStress, runnerLoadOf, SATURATED_MESSAGE, type RunnerLoad } from '../../src/load/saturation';
import { judgeSoak } from '../../src/load/soak';
import type { Thresholds } from '../../src/profile/target';
import { attemptMeasurements, MAX_ATTEMPTS, remeasured } from '../../suites/load/remeasure';
import { load100Verdicts } from '../../suites/load/verdicts';

/**
 * The load judgements as pure functions: a breach the runner's own lateness explains is never a
 * fail (saturated), one that remains without it is; a p95 is only judged on enough answers; who
 * answered 429 is said; soak drift; re-measuring stops as soon as a run is clean.
 */
const T: Thresholds = { p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' };

const lat = (p95: number, count = 1000): LatencySummary => ({ count, p50Ms: p95 / 3, p90Ms: p95 * 0.8, p95Ms: p95, p99Ms: p95 * 1.2, maxMs: p95 * 2, meanMs: p95 / 2 });

function figures(over: Partial<LoadFigures> = {}): LoadFigures {
  return {
    scenario: 'load-100', region: 'asia', users: 100, durationS: 10, latency: lat(120), requests: 1000, errors: 0, errorRate: 0,
    throughputPerS: 100, counts: { ...emptyCounts(), ok: 1000 }, perEndpoint: [], sourceMode: 'spread', source: 'engine', ...over,
  };
}

const runner = (delayMs: number): RunnerLoad => ({ delayMs, cpuPct: 90, machineBusyPct: 99, seconds: 10 });

describe('runner saturation', () => {
  it('a p95 breach of 560 ms with the runner 120 ms late is the runner\'s; with it 20 ms late it is the target\'s', () => {
    const f = figures({ latency: lat(560) });
    const late = load100Verdicts(f, runner(120), T, 100).p95;
    expect(late.decision).toBe('saturated');
    expect(late.discounted.findings).toEqual([]);
    expect(load100Verdicts(f, runner(20), T, 100).p95.decision).toBe('fail');
    // A breach larger than the runner's delay stays the target's.
    expect(load100Verdicts(figures({ latency: lat(900) }), runner(120), T, 100).p95.decision).toBe('fail');
    expect(load100Verdicts(figures(), runner(300), T, 100).p95.decision).toBe('pass');
  });

  it('timeouts and resets may be the runner\'s; 5xx and 429 answers are always the target\'s', () => {
    const timeouts = figures({ errors: 30, errorRate: 0.03, counts: { ...emptyCounts(), ok: 970, timeout: 20, reset: 10 } });
    expect(load100Verdicts(timeouts, runner(200), T, 100).errors.decision).toBe('saturated');
    expect(load100Verdicts(timeouts, runner(5), T, 100).errors.decision).toBe('fail');
    const fives = figures({ errors: 30, errorRate: 0.03, counts: { ...emptyCounts(), ok: 970, 'http-5xx': 30 } });
    expect(load100Verdicts(fives, runner(200), T, 100).errors.decision).toBe('fail');
    expect(discountFigures(timeouts, 200).errorRate).toBe(0);
  });

  it('stress steps are discounted by their own runner delay; the messages name the saturation', () => {
    const step = (users: number, p95: number, delay: number): StepFigures => ({
      name: `step-${users}`, users, latency: lat(p95), requests: 500, errors: 0, errorRate: 0, throughputPerS: 100, counts: { ok: 500 }, runnerDelayMs: delay,
    });
    const s: StressFigures = { region: 'asia', steps: [step(50, 100, 0), step(100, 560, 150), step(300, 900, 10)], overload: null, recovery: [], recoveryBoundS: 30, sourceMode: 'spread', source: 'engine' };
    const measured = judgeBreakingPoint(s, T, 100);
    const discounted = judgeBreakingPoint(discountStress(s, T), T, 100);
    expect(measured.measurements.breakingPointUsers).toBe(100);
    expect(discounted.measurements.breakingPointUsers).toBe(300);
    expect(decide(measured, discounted)).toBe('saturated');
    expect(SATURATED_MESSAGE).toBe('runner saturated: measurement not trustworthy');
  });

  it('the runner load of a phase is its worst second', () => {
    const point = (phase: string, d: number) => ({ t: 0, phase, vus: 1, requests: 1, errors: 0, p50Ms: 1, p95Ms: 1, p99Ms: 1, maxMs: 1, runnerDelayMs: d, runnerCpuPct: d, machineBusyPct: 50 });
    const load = runnerLoadOf([point('ramp', 900), point('hold', 30), point('hold', 70)], (p) => p === 'hold');
    expect(load).toEqual({ delayMs: 70, cpuPct: 70, machineBusyPct: 50, seconds: 2, sharedMachine: false });
  });

  it('re-measures a spoiled run, at most MAX_ATTEMPTS times, and stops at the first clean one', async () => {
    const ctx = { signal: new AbortController().signal, log: () => undefined };
    let n = 0;
    const clean = await remeasured(ctx, 'x', async () => ++n, (r) => (r < 2 ? runner(200) : null), 0);
    expect(clean).toMatchObject({ run: 2, attempts: { count: 2 } });
    expect(attemptMeasurements(clean.attempts)).toEqual({ attempts: 2, attemptsSpoiledByRunner: 1, worstRunnerDelayMs: 200 });
    n = 0;
    const never = await remeasured(ctx, 'x', async () => ++n, () => runner(300), 0);
    expect(never.attempts.count).toBe(MAX_ATTEMPTS);
    expect(never.attempts.spoiled).toHaveLength(MAX_ATTEMPTS);
  });
});

describe('load judgements', () => {
  it('an endpoint\'s p95 is judged alone only with enough answers', () => {
    const slow = (requests: number) => figures({ perEndpoint: [{ endpoint: '#24', latency: lat(700, requests), requests, errors: 0, errorRate: 0 }] });
    expect(judgeP95(slow(MIN_P95_SAMPLES - 1), T).findings).toEqual([]);
    expect(judgeP95(slow(MIN_P95_SAMPLES), T).findings.map((f) => f.endpoint)).toEqual(['#24']);
    expect(judgeP95(slow(20), T).measurements.endpointsJudgedAlone).toBe(0);
  });

  it('429 answers: a service\'s own limit when sent directly (RL-4), either limit through an edge', () => {
    const counts = { ...emptyCounts(), ok: 900, 'http-429': 100 };
    const direct = judgeErrors(figures({ sourceMode: 'direct', errors: 100, errorRate: 0.1, counts }), T).findings.find((f) => f.text.startsWith('100 http-429'));
    expect(direct).toMatchObject({ rule: 'RL-4' });
    const edge = judgeErrors(figures({ errors: 100, errorRate: 0.1, counts }), T).findings.find((f) => f.text.startsWith('100 http-429'));
    expect(edge?.rule).toBeNull();
    expect(edge?.component).toBeUndefined();
    expect(edge?.text).toMatch(/RL-1\) or a service's own limit \(RL-4\)/);
  });

  it('soak: drift from the first window to the last is a finding, a steady soak is not', () => {
    const w = (name: string, p95: number): StepFigures => ({ name, users: 100, latency: lat(p95), requests: 300, errors: 0, errorRate: 0, throughputPerS: 90, counts: { ok: 300 } });
    const steady = judgeSoak({ whole: figures(), first: w('soak-first', 30), last: w('soak-last', 60) }, T);
    expect(steady.findings).toEqual([]);
    const drift = judgeSoak({ whole: figures(), first: w('soak-first', 30), last: w('soak-last', 140) }, T);
    expect(drift.findings.map((f) => f.text).join()).toMatch(/p95 drifted from 30 ms .* to 140 ms .*bound 80 ms/);
  });
});

describe('a machine shared with the target', () => {
  it('starved (≥ 95 % busy): no latency breach is the target\'s, but the answers it sent still are', () => {
    const starved: RunnerLoad = { delayMs: 30, cpuPct: 40, machineBusyPct: 99, seconds: 5, sharedMachine: true };
    expect(load100Verdicts(figures({ latency: lat(2_000) }), starved, T, 100).p95.decision).toBe('saturated');
    const fives = figures({ errors: 30, errorRate: 0.03, counts: { ...emptyCounts(), ok: 970, 'http-5xx': 30 } });
    expect(load100Verdicts(fives, starved, T, 100).errors.decision).toBe('fail');
    // The same machine load with a remote target: only the runner's own delay counts.
    expect(load100Verdicts(figures({ latency: lat(2_000) }), { ...starved, sharedMachine: false }, T, 100).p95.decision).toBe('fail');
  });
});
