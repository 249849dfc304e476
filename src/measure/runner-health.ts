import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How well the runner itself was doing while it measured. A runner whose event loop is late, or
 * whose CPU is used up, stamps observations late: its times then measure itself as much as the
 * target. On a target that shares the machine (the sandbox, loopback addresses) a saturated
 * machine also slows the target, so a slow answer there proves nothing about the deployment.
 */
export interface RunnerHealth {
  windowMs: number;
  /** Event-loop delay beyond the sampling interval (perf_hooks.monitorEventLoopDelay), ms. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** This process's CPU time over the window, in % of one core. */
  runnerCpuPct: number;
  /** All cores of the machine, % busy over the window. */
  machineCpuPct: number;
  cores: number;
}

/** Event-loop delay (p99 beyond the sampling interval) that makes the runner's own time stamps untrustworthy. */
export const EVENT_LOOP_DELAY_LIMIT_MS = 20;
/** The runner's CPU that means its event loop never idles. */
export const RUNNER_CPU_LIMIT_PCT = 90;
/** Machine CPU that means a target on this machine was starved by others. */
export const MACHINE_CPU_LIMIT_PCT = 95;

const RESOLUTION_MS = 10;
const round = (n: number) => Math.round(n * 10) / 10;

function cpuTimes() {
  return os.cpus().map((c) => c.times).reduce((a, t) => ({
    busy: a.busy + t.user + t.nice + t.sys + t.irq, total: a.total + t.user + t.nice + t.sys + t.irq + t.idle,
  }), { busy: 0, total: 0 });
}

/** Starts watching the runner; `stop()` returns what the window looked like. */
export function watchRunner(): { stop(): RunnerHealth } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const startedAt = performance.now();
  const cpu0 = process.cpuUsage();
  const machine0 = cpuTimes();
  return {
    stop() {
      histogram.disable();
      const windowMs = performance.now() - startedAt;
      const cpu = process.cpuUsage(cpu0);
      const machine1 = cpuTimes();
      const total = machine1.total - machine0.total;
      const excess = (ns: number) => (Number.isFinite(ns) && histogram.count > 0 ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0);
      return {
        windowMs: Math.round(windowMs),
        eventLoopDelayP99Ms: round(excess(histogram.percentile(99))),
        eventLoopDelayMaxMs: round(excess(histogram.max)),
        runnerCpuPct: round(windowMs > 0 ? ((cpu.user + cpu.system) / 1000 / windowMs) * 100 : 0),
        machineCpuPct: round(total > 0 ? ((machine1.busy - machine0.busy) / total) * 100 : 0),
        cores: os.cpus().length,
      };
    },
  };
}

/**
 * Why a measurement taken in this window cannot be trusted, or null. `runnerClock`: the judged
 * value was timed by the runner; `sharesMachine`: the target runs on this machine. A remote
 * target's own clocks are unaffected by the runner, so nothing here can discredit them.
 */
export function saturation(h: RunnerHealth, judged: { runnerClock: boolean; sharesMachine: boolean }): string | null {
  if (!judged.runnerClock && !judged.sharesMachine) return null;
  const why: string[] = [];
  if (h.eventLoopDelayP99Ms >= EVENT_LOOP_DELAY_LIMIT_MS) why.push(`event-loop delay p99 ${h.eventLoopDelayP99Ms} ms (limit ${EVENT_LOOP_DELAY_LIMIT_MS} ms)`);
  if (h.runnerCpuPct >= RUNNER_CPU_LIMIT_PCT) why.push(`runner CPU ${h.runnerCpuPct} % of a core`);
  if (judged.sharesMachine && h.machineCpuPct >= MACHINE_CPU_LIMIT_PCT) why.push(`machine CPU ${h.machineCpuPct} % on ${h.cores} cores, shared with the target`);
  return why.length ? why.join(', ') : null;
}

export function describeHealth(h: RunnerHealth): string {
  return `event-loop delay p99 ${h.eventLoopDelayP99Ms} ms (max ${h.eventLoopDelayMaxMs} ms), runner CPU ${h.runnerCpuPct} % of a core, `
    + `machine CPU ${h.machineCpuPct} % of ${h.cores} cores over ${(h.windowMs / 1000).toFixed(1)} s`;
}
