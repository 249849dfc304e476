import { Latencies, type LatencySummary } from './histogram';
import { addCounts, emptyCounts, errorsOf, totalOf, type OutcomeClass, type OutcomeCounts } from './outcome';

/**
 * What a load run recorded: one latency histogram and outcome count per (phase, endpoint), a
 * per-second series (throughput, errors, p50/p95/p99 of that second), and the first few answers
 * of each error class as evidence. Memory stays bounded however long the run is.
 */

export interface Sample {
  phase: string;
  endpoint: string;
  latencyMs: number;
  outcome: OutcomeClass;
  /** Epoch ms the request was meant to go (open model) or went (closed model). */
  at: number;
  status?: number;
  /** Body excerpt of an error answer, for evidence. */
  excerpt?: string;
}

export interface SeriesPoint {
  /** Seconds since the run started. */
  t: number;
  phase: string;
  vus: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The runner's own event-loop delay p99 in that second (ms): high means the runner, not the target, was late. */
  runnerDelayMs: number;
}

export interface ErrorExample {
  endpoint: string;
  phase: string;
  outcome: OutcomeClass;
  status?: number;
  latencyMs: number;
  excerpt?: string;
}

export interface CellStats {
  phase: string;
  endpoint: string;
  latency: LatencySummary;
  counts: OutcomeCounts;
  requests: number;
  errors: number;
  errorRate: number;
  /** Histogram (compressed base64) for artifacts and merges. */
  histogram: string;
}

const EXAMPLES_PER_CLASS = 3;

export class Tally {
  private readonly cells = new Map<string, { phase: string; endpoint: string; lat: Latencies; counts: OutcomeCounts }>();
  private readonly window = new Latencies();
  private windowRequests = 0;
  private windowErrors = 0;
  private windowPhase = '';
  readonly series: SeriesPoint[] = [];
  readonly examples: ErrorExample[] = [];
  private readonly exampleCount = new Map<string, number>();
  readonly startedAt = Date.now();

  record(s: Sample): void {
    const key = `${s.phase}\u0000${s.endpoint}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { phase: s.phase, endpoint: s.endpoint, lat: new Latencies(), counts: emptyCounts() }));
    cell.counts[s.outcome]++;
    // Dropped sends never got an answer: counted, not timed.
    if (s.outcome !== 'dropped') {
      cell.lat.record(s.latencyMs);
      this.window.record(s.latencyMs);
    }
    this.windowRequests++;
    this.windowPhase = s.phase;
    if (s.outcome !== 'ok' && s.outcome !== 'expected') {
      this.windowErrors++;
      const exKey = `${s.endpoint}\u0000${s.outcome}`;
      const n = this.exampleCount.get(exKey) ?? 0;
      if (n < EXAMPLES_PER_CLASS) {
        this.exampleCount.set(exKey, n + 1);
        this.examples.push({ endpoint: s.endpoint, phase: s.phase, outcome: s.outcome, status: s.status, latencyMs: Math.round(s.latencyMs), excerpt: s.excerpt });
      }
    }
  }

  /** Closes the current second of the series (called once a second by the model runner). */
  tick(vus: number, phase: string, runnerDelayMs = 0): void {
    const l = this.window.summary();
    this.series.push({
      t: Math.round((Date.now() - this.startedAt) / 100) / 10, phase: this.windowRequests ? this.windowPhase : phase, vus,
      requests: this.windowRequests, errors: this.windowErrors, p50Ms: l.p50Ms, p95Ms: l.p95Ms, p99Ms: l.p99Ms, maxMs: l.maxMs,
      runnerDelayMs: Math.round(runnerDelayMs * 10) / 10,
    });
    this.window.reset();
    this.windowRequests = 0;
    this.windowErrors = 0;
  }

  /** Latencies and counts of the cells that match (by phase and/or endpoint). */
  aggregate(filter: { phase?: string | ((p: string) => boolean); endpoint?: string } = {}): { lat: Latencies; counts: OutcomeCounts } {
    const lat = new Latencies();
    const counts = emptyCounts();
    const phaseOk = (p: string) => filter.phase === undefined || (typeof filter.phase === 'function' ? filter.phase(p) : filter.phase === p);
    for (const cell of this.cells.values()) {
      if (!phaseOk(cell.phase) || (filter.endpoint !== undefined && cell.endpoint !== filter.endpoint)) continue;
      lat.add(cell.lat);
      addCounts(counts, cell.counts);
    }
    return { lat, counts };
  }

  /** Worst per-second runner delay during the phases that match. */
  runnerDelayMs(phase?: (p: string) => boolean): number {
    return Math.max(0, ...this.series.filter((p) => !phase || phase(p.phase)).map((p) => p.runnerDelayMs));
  }

  endpoints(): string[] {
    return [...new Set([...this.cells.values()].map((c) => c.endpoint))];
  }

  phases(): string[] {
    return [...new Set([...this.cells.values()].map((c) => c.phase))];
  }

  cellStats(): CellStats[] {
    return [...this.cells.values()].map((c) => statsOf(c.phase, c.endpoint, c.lat, c.counts));
  }
}

export function statsOf(phase: string, endpoint: string, lat: Latencies, counts: OutcomeCounts): CellStats {
  const requests = totalOf(counts);
  const errors = errorsOf(counts);
  return { phase, endpoint, latency: lat.summary(), counts: { ...counts }, requests, errors, errorRate: requests ? errors / requests : 0, histogram: lat.encode() };
}
