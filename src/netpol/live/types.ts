import type { Protocol } from '../engine/endpoints';

/**
 * The live probe's vocabulary, shared by every way of probing (the sandbox's network-namespace
 * agents, probe pods in a real cluster): the pods that exist, one job per (source pod,
 * destination pod, port), and what each try answered. Expected and actual cells come from the
 * same job list, so comparing them is plain cell equality.
 */

export interface LivePod {
  /** Unique pod name (`svc-admin-0`). */
  name: string;
  /** The engine endpoint id of its workload (`backend-mainnet/svc-admin`, `external/internet`). */
  workload: string;
  ip: string;
}

export interface ProbeJob {
  /** `<from pod> → <to pod> <port>/<protocol>`: stable, unique. */
  key: string;
  from: LivePod;
  to: LivePod;
  port: number;
  protocol: Protocol;
  /** Truth-table coordinates: the source workload and the destination column. */
  row: string;
  column: string;
}

export type ProbeAnswer = 'allowed' | 'blocked' | 'refused' | 'error';

export interface ProbeTry {
  answer: ProbeAnswer;
  ms: number;
  detail: string;
  timeoutMs: number;
}

export interface ProbeRunner {
  /** Human-readable: where the probes run ("sandbox network-namespace cluster gxnp1a2b3c"). */
  readonly label: string;
  /** Runs the jobs (bounded parallelism inside); one try each. */
  run(jobs: readonly ProbeJob[], timeoutMs: number, signal?: AbortSignal): Promise<Map<string, ProbeTry>>;
  /** A command that replays one job by hand. */
  reproduce(job: ProbeJob): string;
  close(): Promise<void>;
}
