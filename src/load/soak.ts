import type { Thresholds } from '../profile/target';
import type { LoadFigures, StepFigures } from './evidence';
import { baselineBound, judgeErrors, judgeP95, type Judgement } from './judge';

/**
 * Soak (optional scenario): the load-100 users held for a long time (profile `load.soak`). Beside
 * p95 and error rate over the whole soak (PT-LOAD-3 sustained), it judges drift: the last window
 * against the first, as leaks and growing queues show up — p95 must stay within the baseline bound
 * (the one recovery after stress is held to) and errors must not start late.
 */
export interface SoakFigures {
  whole: LoadFigures;
  first: StepFigures;
  last: StepFigures;
}

const ms = (v: number) => `${Math.round(v)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

export function judgeSoak(f: SoakFigures, t: Thresholds): Judgement {
  const p95 = judgeP95({ ...f.whole, perEndpoint: [] }, t);
  const errors = judgeErrors(f.whole, t);
  const findings = [...p95.findings, ...errors.findings];
  const bound = baselineBound(f.first.latency.p95Ms);
  const drift = f.last.latency.p95Ms > bound;
  if (drift) {
    findings.push({ rule: null, text: `p95 drifted from ${ms(f.first.latency.p95Ms)} in the first ${f.first.name} to ${ms(f.last.latency.p95Ms)} in the last (bound ${ms(bound)}) in ${f.whole.region}` });
  }
  if (f.last.errorRate >= t.errorRate && f.first.errorRate < t.errorRate) {
    findings.push({ rule: null, text: `errors started late in the soak: ${pct(f.first.errorRate)} at the start, ${pct(f.last.errorRate)} at the end in ${f.whole.region}` });
  }
  return {
    findings,
    measurements: {
      ...p95.measurements, ...errors.measurements,
      firstWindowP95Ms: f.first.latency.p95Ms, lastWindowP95Ms: f.last.latency.p95Ms, driftBoundMs: Math.round(bound),
      firstWindowErrorRate: Math.round(f.first.errorRate * 1e5) / 1e5, lastWindowErrorRate: Math.round(f.last.errorRate * 1e5) / 1e5,
    },
    message: `${p95.message}; ${errors.message}; p95 ${ms(f.first.latency.p95Ms)} in the first window, ${ms(f.last.latency.p95Ms)} in the last (bound ${ms(bound)})`,
  };
}
