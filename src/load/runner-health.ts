import { cpus } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * How healthy the runner itself was, second by second, while it measured: its event loop's delay
 * (a late loop stamps answers late, so every latency it records grows by that much), its own CPU
 * share of one core, and how busy the whole machine was. A latency judgement is only as good as
 * these: see `saturation.ts`.
 */
export interface HealthSample {
  /** p99 of how late a 10 ms timer fired in that second, beyond its interval (ms). */
  loopDelayMs: number;
  /** The runner process's CPU time in that second, in % of one core. */
  cpuPct: number;
  /** Share of the machine's CPU time not idle in that second, in % of all cores. */
  machineBusyPct: number;
}

const RESOLUTION_MS = 10;

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

export class RunnerHealth {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private cpu = process.cpuUsage();
  private wall = performance.now();
  private machine = machineTimes();

  start(): this {
    this.loop.enable();
    return this;
  }

  /** The figures since the previous sample (or the start), then starts a new interval. */
  sample(): HealthSample {
    const loopDelayMs = this.loop.count > 0 ? Math.max(0, this.loop.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    this.loop.reset();
    const cpu = process.cpuUsage(this.cpu);
    const wall = performance.now() - this.wall;
    const machine = machineTimes();
    const total = machine.total - this.machine.total;
    const sample = {
      loopDelayMs: round(loopDelayMs),
      cpuPct: round(wall > 0 ? ((cpu.user + cpu.system) / 1000 / wall) * 100 : 0),
      machineBusyPct: round(total > 0 ? ((machine.busy - this.machine.busy) / total) * 100 : 0),
    };
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
    this.machine = machine;
    return sample;
  }

  stop(): void {
    this.loop.disable();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
