import type { EvidenceItem, Measurement } from '../evidence/types';
import type { BaselineSummary } from './baseline';
import { estimatePercentile, median, percentile, summarize, type PercentileEstimate } from './quantile';
import { describeHealth, saturation, watchRunner, type RunnerHealth } from './runner-health';

/**
 * The one latency judgement every latency-judged check uses. It sees three numbers — what the
 * runner observed, the network baseline, and the deployment's own (server-side) time — and judges
 * the server-side one when the deployment offers it (a rule about the server is judged on the
 * server's clock, not on the path to it), else the client value less the baseline. It judges a
 * percentile only on enough samples (quantile.ts), asking the check for more until it has them,
 * and never blames the target for a runner that was saturated: a tail over the threshold measured
 * while the runner was saturated is measured again, and if the runner stays saturated the check
 * ends in `error`. An excess even the median shows is no tail effect and stands.
 */

export interface Series {
  samples: number[];
  /** Where the times come from ("OutboxCommand.updatedAt at COMMITTED → read-model row updatedAt, database clock"). */
  source: string;
}

export interface Measured {
  /** What the runner observed, on its own clock. */
  client: Series;
  /** The deployment's own time, or null when it offers none (then `serverUnavailable` says why). */
  server: Series | null;
  serverUnavailable?: string;
  baseline: BaselineSummary | null;
  /** The runner while these samples were taken, when that was before this round (samples shared by a run). */
  health?: RunnerHealth;
}

export interface LatencyRule {
  /** "projector lag", "202 → ledger commit", "read-model query". */
  what: string;
  percentile: number;
  thresholdMs: number;
}

export interface Round {
  number: number;
  /** True after a saturated round: measure afresh (earlier samples are not to be trusted). */
  fresh: boolean;
  /** Samples the judged series still lacks (0 when the round is a re-measure). */
  missing: number;
}

export interface JudgeOptions {
  /** Collects samples; called again for more (`missing` > 0) or for a fresh re-measure. Returns everything to judge. */
  measure(round: Round): Promise<Measured>;
  /** The target runs on this machine (loopback): a saturated machine slows it too. */
  sharesMachine: boolean;
  /** Rounds at most (default 3: measure, top up, re-measure). */
  maxRounds?: number;
  /** Epoch ms after which no new round starts (the check's deadline, with room to report). */
  deadline?: number;
  /** How the runner is watched during a round (tests give a fixed health). */
  watch?: () => { stop(): RunnerHealth };
  /** Pause before a re-measure, so a burst of load can pass (default 2 s). */
  pauseMs?: number;
}

export type Verdict = 'within' | 'over' | 'saturated' | 'too-few';

export interface LatencyJudgement {
  verdict: Verdict;
  /** One line: what was judged and how it compares. */
  headline: string;
  measurements: Record<string, Measurement>;
  evidence: EvidenceItem;
}

const PAUSE_BEFORE_REMEASURE_MS = 2_000;
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '-' : `${Math.round(v * 10) / 10} ms`);

function judgedSeries(m: Measured): { series: Series; runnerClock: boolean; label: string } {
  if (m.server && m.server.samples.length > 0) return { series: m.server, runnerClock: false, label: 'server-side' };
  const base = m.baseline?.medianMs ?? 0;
  return {
    series: { samples: m.client.samples.map((s) => Math.max(0, s - base)), source: `${m.client.source}, less the network baseline ${ms(base)}` },
    runnerClock: true,
    label: 'client minus network baseline',
  };
}

export async function judgeLatency(rule: LatencyRule, opts: JudgeOptions): Promise<LatencyJudgement> {
  const maxRounds = opts.maxRounds ?? 3;
  let round: Round = { number: 1, fresh: true, missing: 0 };
  for (;;) {
    const watch = (opts.watch ?? watchRunner)();
    const measured = await opts.measure(round);
    const watched = watch.stop();
    const health = measured.health ?? watched;
    const judged = judgedSeries(measured);
    const estimate = estimatePercentile(judged.series.samples, rule.percentile);
    const decidedOver = estimate.lower !== null && estimate.lower > rule.thresholdMs;
    const enough = estimate.n >= estimate.needed;
    const last = round.number >= maxRounds || (opts.deadline !== undefined && Date.now() >= opts.deadline);
    const report = (verdict: Verdict, why: string) => render(rule, verdict, why, measured, judged, estimate, health, round.number);
    if (!enough && !decidedOver) {
      if (last) return report('too-few', `only ${estimate.n} ${judged.label} samples, ${estimate.needed} needed for a p${rule.percentile}`);
      round = { number: round.number + 1, fresh: false, missing: estimate.needed - estimate.n };
      continue;
    }
    if (!decidedOver && estimate.value <= rule.thresholdMs) return report('within', '');
    const saturated = saturation(health, { runnerClock: judged.runnerClock, sharesMachine: opts.sharesMachine });
    if (!saturated) return report('over', '');
    if (median(judged.series.samples) > rule.thresholdMs) return report('over', `the runner was saturated (${saturated}), but even the median is over the threshold: no tail effect of load`);
    if (last) return report('saturated', `runner saturated: measurement not trustworthy (${saturated})`);
    await new Promise((resolve) => setTimeout(resolve, opts.pauseMs ?? PAUSE_BEFORE_REMEASURE_MS));
    round = { number: round.number + 1, fresh: true, missing: 0 };
  }
}

function render(
  rule: LatencyRule, verdict: Verdict, why: string, m: Measured, judged: ReturnType<typeof judgedSeries>,
  e: PercentileEstimate, health: RunnerHealth, rounds: number,
): LatencyJudgement {
  const p = `p${rule.percentile}`;
  const at = (s: Series | null) => (s && s.samples.length ? percentile(s.samples, rule.percentile) : null);
  const line = (label: string, s: Series | null) => {
    if (!s || s.samples.length === 0) return `${label}: none`;
    const x = summarize(s.samples);
    const other = rule.percentile === 50 ? `p95 ${ms(x.p95)}` : `p50 ${ms(x.p50)}`;
    return `${label} (${s.source}): ${p} ${ms(at(s))}, ${other}, max ${ms(x.max)} over ${x.n} samples`;
  };
  const compare = verdict === 'within' ? '≤' : '>';
  const headline = verdict === 'too-few' || verdict === 'saturated'
    ? `${rule.what}: ${why}`
    : `${rule.what} ${p} ${ms(e.value)} ${compare} ${rule.thresholdMs} ms (${judged.label}, ${e.n} samples)${why ? `; ${why}` : ''}`;
  const lines = [
    line('client-observed', m.client),
    `network baseline: ${m.baseline ? `median RTT ${ms(m.baseline.medianMs)} of ${m.baseline.route} (${m.baseline.samples} samples)` : 'not measured'}`,
    m.server ? line('server-side', m.server) : `server-side: not available (${m.serverUnavailable ?? 'the deployment offers no clock for it'})`,
    `judged: ${judged.label} ${p} ${ms(e.value)} against ${rule.thresholdMs} ms — ${judged.runnerClock
      ? 'the deployment offers no time of its own here, so the runner\'s time less the network baseline'
      : 'the deployment\'s own clocks: the runner\'s distance and polling are not part of it'}`,
    `samples: ${e.n} (a ${p} needs ${e.needed}: the largest of ${e.needed} bounds it at 95 % confidence); 95 % bounds of the ${p}: ${ms(e.lower)} … ${ms(e.upper)}`,
    `runner: ${describeHealth(health)}; ${rounds} measuring round(s)`,
    ...(why ? [`note: ${why}`] : []),
  ];
  const measurements: Record<string, Measurement> = {
    [`client${p.toUpperCase()}Ms`]: round1(at(m.client)),
    networkBaselineRttMs: m.baseline?.medianMs ?? null,
    [`server${p.toUpperCase()}Ms`]: round1(at(m.server)),
    judged: judged.label,
    [`judged${p.toUpperCase()}Ms`]: round1(e.value),
    thresholdMs: rule.thresholdMs,
    samples: e.n,
    samplesNeeded: e.needed,
    eventLoopDelayP99Ms: health.eventLoopDelayP99Ms,
    runnerCpuPct: health.runnerCpuPct,
    machineCpuPct: health.machineCpuPct,
    rounds,
  };
  return { verdict, headline, measurements, evidence: { note: `${rule.what}: client-observed, network baseline, server-side`, response: lines.join('\n') } };
}

const round1 = (v: number | null) => (v === null || Number.isNaN(v) ? null : Math.round(v * 10) / 10);
