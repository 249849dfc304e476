import type { LatencySummary } from './histogram';
import type { OutcomeCounts } from './outcome';
import type { SourceMode } from './sources';
import type { SeriesPoint } from './tally';

/**
 * Load evidence in one serializable shape, whoever produced it: this engine or an imported k6
 * summary. The judgements (judge.ts) read only this, so the same numbers give the same statuses.
 */
export interface EndpointFigures {
  endpoint: string;
  latency: LatencySummary;
  requests: number;
  errors: number;
  errorRate: number;
}

export interface LoadFigures {
  /** Which scenario: load-100, stress step, endpoint run. */
  scenario: string;
  region: string;
  /** Users (closed) reached during the judged phase. */
  users: number;
  /** Seconds the judged phase lasted. */
  durationS: number;
  latency: LatencySummary;
  requests: number;
  errors: number;
  errorRate: number;
  throughputPerS: number;
  counts: Partial<OutcomeCounts>;
  perEndpoint: EndpointFigures[];
  /** Where the load came from (§16 note); 'unknown' for imported results that do not say. */
  sourceMode: SourceMode | 'unknown';
  /** The runner's own event-loop delay p99 during the phase (ms): above a few tens, latencies are the runner's. */
  runnerDelayP99Ms?: number;
  /** Who measured: the gx-verify engine, or k6 (imported). */
  source: 'engine' | 'k6';
}

export interface StepFigures {
  name: string;
  users: number;
  latency: LatencySummary;
  requests: number;
  errors: number;
  errorRate: number;
  throughputPerS: number;
  counts: Partial<OutcomeCounts>;
}

export interface StressFigures {
  region: string;
  steps: StepFigures[];
  /** All users without think time: how overload is answered. */
  overload: StepFigures | null;
  /** Per-second points after the overload, back at the first step's users. */
  recovery: SeriesPoint[];
  recoveryBoundS: number;
  sourceMode: SourceMode | 'unknown';
  runnerDelayP99Ms?: number;
  /** 5xx other than 503 seen anywhere in the stress, and whether each was E1. */
  source: 'engine' | 'k6';
}
