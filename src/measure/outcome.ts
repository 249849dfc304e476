import { CheckFailure, pass, type PassOutcome } from '../checks/define';
import type { EvidenceItem, Measurement } from '../evidence/types';
import type { LatencyJudgement, LatencyRule } from './judge';

/**
 * A latency judgement as a check outcome: `within` passes, `over` fails (the target's time is over
 * the threshold), and a runner that stayed saturated or too few samples end in `error` — never a
 * `fail` blamed on the target for what the runner could not measure.
 */
/** The check could not measure what it judges (a saturated runner, a set-up that failed): `error`, never `fail`. */
export class MeasurementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeasurementError';
  }
}

export interface OutcomeExtras {
  measurements?: Record<string, Measurement>;
  evidence?: EvidenceItem[];
  artifacts?: string[];
}

export function latencyOutcome(rule: LatencyRule, j: LatencyJudgement, extras: OutcomeExtras = {}): PassOutcome {
  const measurements = { ...j.measurements, ...(extras.measurements ?? {}) };
  const evidence = [j.evidence, ...(extras.evidence ?? [])];
  if (j.verdict === 'within') return pass({ message: j.headline, measurements, evidence, artifacts: extras.artifacts });
  if (j.verdict === 'over') {
    const p = `p${rule.percentile}`;
    throw new CheckFailure({
      message: j.headline,
      expected: `${rule.what} ${p} ≤ ${rule.thresholdMs} ms`,
      received: `${p} ${j.measurements[`judged${p.toUpperCase()}Ms`]} ms (${j.measurements.judged})`,
      measurements, evidence,
    });
  }
  throw new MeasurementError(`${j.headline}\n${j.evidence.response ?? ''}`);
}
