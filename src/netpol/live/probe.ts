import type { NetpolAnalysis } from '../analysis';
import { type Connectivity } from '../table/connectivity';
import { compareGrids, type CompareResult } from '../table/compare';
import { Grid } from '../table/grid';
import type { LivePod, ProbeAnswer, ProbeJob, ProbeRunner, ProbeTry } from './types';

/**
 * The live probe, cyclonus-style: one job per (source pod, destination pod, destination port),
 * expected from the truth table of the same manifests, actual from the probes. Cells that disagree
 * (or could not be probed) are tried again with a longer timeout, up to `retries` times, stopping
 * once they agree; every try is kept. A pod talking to itself is ignored (it never leaves the pod).
 */

export interface LiveOptions {
  timeoutMs: number;
  retries: number;
  /** Pods that can send probes (default: every pod); pods without an address are never destinations. */
  sources?: ReadonlySet<string>;
  signal?: AbortSignal;
}

export interface LiveResult {
  jobs: ProbeJob[];
  /** Every try per job key, in order. */
  tries: Map<string, ProbeTry[]>;
  expected: Grid<Connectivity>;
  actual: Grid<Connectivity>;
  comparison: CompareResult;
  /** Workloads of the table that have no pod to probe from or to. */
  withoutPods: string[];
  /** Per table cell (source workload, column): the actual answers of its pod pairs, for the matrix. */
  cellAnswer(row: string, column: string): Connectivity | null;
  durationMs: number;
}

export const toConnectivity = (a: ProbeAnswer): Connectivity => (a === 'allowed' ? 'allowed' : a === 'blocked' ? 'blocked' : 'probe-failed');

export const podColumn = (to: LivePod, port: number, protocol: string) => `${to.name} ${port}/${protocol}`;

export function planJobs(a: NetpolAnalysis, pods: readonly LivePod[]): { jobs: ProbeJob[]; withoutPods: string[] } {
  const byWorkload = new Map<string, LivePod[]>();
  for (const p of pods) byWorkload.set(p.workload, [...(byWorkload.get(p.workload) ?? []), p]);
  const jobs: ProbeJob[] = [];
  for (const from of a.table.endpoints) {
    for (const col of a.table.columns) {
      if (!a.table.grid.has(from.id, col.id)) continue;
      for (const src of byWorkload.get(from.id) ?? []) {
        for (const dst of byWorkload.get(col.to.id) ?? []) {
          const key = `${src.name} → ${podColumn(dst, col.port.port, col.port.protocol)}`;
          jobs.push({ key, from: src, to: dst, port: col.port.port, protocol: col.port.protocol, row: from.id, column: col.id });
        }
      }
    }
  }
  const withoutPods = a.table.endpoints.filter((e) => !byWorkload.has(e.id)).map((e) => e.id);
  return { jobs, withoutPods };
}

export async function probeLive(a: NetpolAnalysis, pods: readonly LivePod[], runner: ProbeRunner, opts: LiveOptions): Promise<LiveResult> {
  const started = Date.now();
  const planned = planJobs(a, pods);
  const jobs = planned.jobs.filter((j) => (!opts.sources || opts.sources.has(j.from.name)) && j.to.ip !== '');
  const { withoutPods } = planned;
  const want = (j: ProbeJob) => a.table.grid.get(j.row, j.column)!;
  const tries = new Map<string, ProbeTry[]>();
  let pending = jobs.filter((j) => j.from.name !== j.to.name);
  for (let attempt = 0; attempt <= opts.retries && pending.length > 0 && !opts.signal?.aborted; attempt++) {
    const answers = await runner.run(pending, opts.timeoutMs * 2 ** attempt, opts.signal);
    for (const [key, t] of answers) tries.set(key, [...(tries.get(key) ?? []), t]);
    pending = pending.filter((j) => {
      const last = tries.get(j.key)?.at(-1);
      return last !== undefined && toConnectivity(last.answer) !== want(j);
    });
  }
  const rows = [...new Set(jobs.map((j) => j.from.name))];
  const cols = [...new Set(jobs.map((j) => podColumn(j.to, j.port, j.protocol)))];
  const expected = new Grid<Connectivity>(rows, cols);
  const actual = new Grid<Connectivity>(rows, cols);
  const byCell = new Map<string, Connectivity[]>();
  for (const j of jobs) {
    const col = podColumn(j.to, j.port, j.protocol);
    expected.set(j.from.name, col, want(j));
    const last = tries.get(j.key)?.at(-1);
    const got: Connectivity = j.from.name === j.to.name ? 'unknown' : last ? toConnectivity(last.answer) : 'unknown';
    actual.set(j.from.name, col, got);
    if (got !== 'unknown') byCell.set(`${j.row}\u0000${j.column}`, [...(byCell.get(`${j.row}\u0000${j.column}`) ?? []), got]);
  }
  // Only real answers are judged: a pod talking to itself and a probe that could not run are not.
  const comparison = compareGrids(expected, actual, (from, to) => actual.get(from, to) === 'unknown' || actual.get(from, to) === 'probe-failed');
  return {
    jobs, tries, expected, actual, comparison, withoutPods, durationMs: Date.now() - started,
    cellAnswer(row, column) {
      const answers = byCell.get(`${row}\u0000${column}`);
      if (!answers?.length) return null;
      // A cell's pods disagreeing is itself worth showing: report the first answer unlike the expected one.
      return answers.find((x) => x !== a.table.grid.get(row, column)) ?? answers[0];
    },
  };
}
