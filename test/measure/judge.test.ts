import { describe, expect, it } from 'vitest';
import { CheckFailure } from '../../src/checks/define';
import { judgeLatency, type Measured, type Round } from '../../src/measure/judge';
import { latencyOutcome, MeasurementError } from '../../src/measure/outcome';
import type { RunnerHealth } from '../../src/measure/runner-health';

const RULE = { what: 'projector lag', percentile: 95, thresholdMs: 100 };
const CALM: RunnerHealth = { windowMs: 1000, eventLoopDelayP99Ms: 2, eventLoopDelayMaxMs: 5, runnerCpuPct: 20, machineCpuPct: 40, cores: 2 };
const BUSY: RunnerHealth = { ...CALM, eventLoopDelayP99Ms: 80, eventLoopDelayMaxMs: 300, machineCpuPct: 100 };
const fixed = (health: RunnerHealth) => () => ({ stop: () => health });

const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const measured = (server: number[], client = server.map((s) => s + 500)): Measured => ({
  client: { samples: client, source: 'runner' },
  server: { samples: server, source: 'database clock' },
  baseline: { route: 'GET /livez', medianMs: 500, samples: 12 },
});

/** A measure function that hands out batches and records the rounds it was asked for. */
function batches(...list: Measured[]) {
  const rounds: Round[] = [];
  return { rounds, measure: async (round: Round) => { rounds.push(round); return list[Math.min(rounds.length, list.length) - 1]; } };
}

describe('the shared latency judgement', () => {
  it('judges the server-side value when the deployment offers one, and shows all three numbers', async () => {
    const m = batches(measured(series(60, (i) => 10 + (i % 20))));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: false, watch: fixed(CALM) });
    expect(j.verdict).toBe('within');
    expect(j.measurements).toMatchObject({ judged: 'server-side', samples: 60, samplesNeeded: 59, networkBaselineRttMs: 500 });
    expect(j.measurements.clientP95Ms).toBeGreaterThan(500);
    expect(j.evidence.response).toMatch(/client-observed \(runner\): p95/);
    expect(j.evidence.response).toMatch(/network baseline: median RTT 500 ms/);
    expect(j.evidence.response).toMatch(/server-side \(database clock\): p95/);
    expect(j.evidence.response).toMatch(/judged: server-side p95 .* the deployment's own clocks/);
  });

  it('asks for more samples until a p95 can be judged', async () => {
    const m = batches(measured(series(30, () => 10)), measured(series(65, () => 10)));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: false, watch: fixed(CALM) });
    expect(j.verdict).toBe('within');
    expect(m.rounds.map((r) => [r.fresh, r.missing])).toEqual([[true, 0], [false, 29]]);
  });

  it('fails early when the samples already prove the excess', async () => {
    const m = batches(measured(series(30, (i) => 150 + i)));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: false, watch: fixed(CALM) });
    expect(j.verdict).toBe('over');
    expect(m.rounds).toHaveLength(1);
    expect(() => latencyOutcome(RULE, j)).toThrow(CheckFailure);
  });

  it('falls back to the client value less the network baseline without server clocks', async () => {
    const m = batches({ client: { samples: series(60, () => 520), source: 'runner' }, server: null, serverUnavailable: 'no updatedAt column', baseline: { route: 'x', medianMs: 500, samples: 5 } });
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: false, watch: fixed(CALM) });
    expect(j.verdict).toBe('within');
    expect(j.measurements).toMatchObject({ judged: 'client minus network baseline', judgedP95Ms: 20 });
    expect(j.evidence.response).toMatch(/server-side: not available \(no updatedAt column\)/);
  });

  it('re-measures a tail over the threshold taken on a saturated runner, then reports it untrustworthy — never a fail', async () => {
    const tail = measured(series(60, (i) => (i < 54 ? 20 : 400)));
    const m = batches(tail, tail, tail);
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: true, watch: fixed(BUSY), pauseMs: 0 });
    expect(j.verdict).toBe('saturated');
    expect(m.rounds.map((r) => r.fresh)).toEqual([true, true, true]);
    expect(j.headline).toMatch(/runner saturated: measurement not trustworthy \(event-loop delay p99 80 ms/);
    expect(() => latencyOutcome(RULE, j)).toThrow(MeasurementError);
  });

  it('passes when the re-measure on a calm runner is within the threshold', async () => {
    const healths = [BUSY, CALM];
    let i = 0;
    const m = batches(measured(series(60, (k) => (k < 54 ? 20 : 400))), measured(series(60, () => 20)));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: true, watch: () => ({ stop: () => healths[i++] }), pauseMs: 0 });
    expect(j.verdict).toBe('within');
    expect(j.measurements.rounds).toBe(2);
  });

  it('still fails a saturated run when even the median is over: load makes tails, not a slow median', async () => {
    const m = batches(measured(series(60, () => 160)));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: true, watch: fixed(BUSY) });
    expect(j.verdict).toBe('over');
    expect(j.headline).toMatch(/even the median is over the threshold/);
  });

  it('does not let the runner discredit a remote target\'s own clocks', async () => {
    const m = batches(measured(series(60, (i) => (i < 54 ? 20 : 400))));
    const j = await judgeLatency(RULE, { measure: m.measure, sharesMachine: false, watch: fixed(BUSY) });
    expect(j.verdict).toBe('over');
  });
});
