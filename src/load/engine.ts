import { setMaxListeners } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RegionTarget } from '../profile/target';
import { phaseAt, plannedMs, type ScenarioPlan } from './plan';
import { fire, type RequestPlan } from './request';
import { Tally } from './tally';
import { Transport } from './transport';

/**
 * The load engine: runs a ScenarioPlan against one region and returns what it recorded.
 * Closed model: virtual users, each sending, waiting for the answer, then thinking.
 * Open model: sends start on a fixed schedule whatever the answers do, and latency is measured
 * from the *intended* send time (coordinated omission corrected, as wrk2 does), so a stalled
 * server shows its stall instead of slowing the load down.
 * Stops by itself at the end of its phases, on abort, or when the allowLoad budget runs out.
 */
export interface EngineResult {
  tally: Tally;
  /** Why the run ended before its phases did (budget, abort), or null. */
  stoppedEarly: string | null;
  elapsedMs: number;
  plannedMs: number;
  /** Highest number of users that were active at once (closed) or sends in flight (open). */
  peakConcurrency: number;
  sentRequests: number;
}

export async function runScenario(region: RegionTarget, plan: ScenarioPlan, signal: AbortSignal): Promise<EngineResult> {
  const tally = new Tally();
  // Closed: one connection per user (users share an address's pool); open: enough for the rate.
  const topUsers = Math.max(1, ...plan.phases.map((p) => p.vus ?? 0));
  const perAddress = plan.model === 'open' ? 64 : Math.ceil(topUsers / plan.sources.addresses.length);
  const transport = new Transport(region, { connectionsPerAddress: perAddress });
  // `stop` ends the phases (no new request starts); `cancel` (the run's abort) also drops what is in flight.
  const stop = new AbortController();
  const cancel = new AbortController();
  setMaxListeners(0, stop.signal, cancel.signal); // every in-flight request listens
  const onAbort = () => { stop.abort(); cancel.abort(); };
  signal.addEventListener('abort', onAbort, { once: true });
  let stoppedEarly: string | null = null;
  const end = (why: string) => {
    if (!stop.signal.aborted) { stoppedEarly = why; stop.abort(); }
  };
  const planned = plannedMs(plan);
  const granted = plan.budget ? plan.budget.reserveSeconds(planned / 1000) * 1000 : planned;
  if (granted < planned) end(`the allowLoad duration budget had ${Math.round(granted / 1000)} s of the ${Math.round(planned / 1000)} s planned`);
  const started = now();
  let sent = 0;
  let current = { vus: 0, phase: plan.phases[0]?.name ?? '' };
  const take = (): boolean => {
    if (plan.budget && !plan.budget.takeRequest()) { end(`the allowLoad request budget (${plan.budget.maxRequests}) ran out`); return false; }
    sent++;
    return true;
  };
  const send = async (req: RequestPlan, localAddress: string | undefined, at: number, phase: string) => {
    const answer = await fire(transport.pool(req.origin, localAddress), req, plan.requestTimeoutMs, cancel.signal);
    if (!answer) return;
    tally.record({ phase, endpoint: req.endpoint, latencyMs: now() - at, outcome: answer.outcome, at, status: answer.status, excerpt: answer.excerpt });
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const delayMs = () => {
    const v = loop.count > 0 ? loop.percentile(99) / 1e6 : 0;
    loop.reset();
    return v;
  };
  const ticker = setInterval(() => {
    tally.tick(current.vus, current.phase, delayMs());
    plan.onSecond?.((now() - started) / 1000, current.phase);
  }, 1000);
  const deadline = setTimeout(() => stop.abort(), Math.max(0, granted));
  let peak = 0;
  try {
    if (granted > 0 && !stop.signal.aborted) {
      peak = plan.model === 'closed'
        ? await closedModel(plan, started, stop.signal, take, send, (c) => { current = c; })
        : await openModel(plan, started, stop.signal, take, send, (c) => { current = c; },
          (req, at, phase) => tally.record({ phase, endpoint: req.endpoint, latencyMs: 0, outcome: 'dropped', at }));
    }
  } finally {
    clearInterval(ticker);
    clearTimeout(deadline);
    tally.tick(current.vus, current.phase, delayMs());
    loop.disable();
    signal.removeEventListener('abort', onAbort);
    await transport.close();
    const elapsed = now() - started;
    plan.budget?.refundSeconds((granted - elapsed) / 1000);
  }
  if (signal.aborted && !stoppedEarly) stoppedEarly = 'the run was stopped (abort or check time limit)';
  return { tally, stoppedEarly, elapsedMs: Math.round(now() - started), plannedMs: planned, peakConcurrency: peak, sentRequests: sent };
}

/** Epoch milliseconds with sub-millisecond precision. */
const now = () => performance.timeOrigin + performance.now();

type Send = (req: RequestPlan, localAddress: string | undefined, at: number, phase: string) => Promise<void>;
type Current = (c: { vus: number; phase: string }) => void;

const jitter = (mean: number) => (mean <= 0 ? 0 : mean * (0.5 + Math.random()));

/** Virtual users: user i runs while the wanted count is above i; it uses its own source address. */
async function closedModel(plan: ScenarioPlan, started: number, stop: AbortSignal, take: () => boolean, send: Send, report: Current): Promise<number> {
  const running = new Map<number, Promise<void>>();
  let wanted = 0;
  let phaseName = '';
  let think = 0;
  let peak = 0;
  const user = async (i: number) => {
    const address = plan.sources.addresses[i % plan.sources.addresses.length];
    // Users starting together would arrive together: each starts somewhere within one think time.
    await sleep(Math.random() * Math.max(think, 50), undefined, { signal: stop }).catch(() => undefined);
    for (let iteration = 0; !stop.aborted && i < wanted; iteration++) {
      if (!take()) return;
      const at = now();
      await send(plan.pick(i, iteration), address, at, phaseName);
      const pause = jitter(think);
      if (pause > 0) await sleep(pause, undefined, { signal: stop }).catch(() => undefined);
    }
  };
  while (!stop.aborted) {
    const at = phaseAt(plan.phases, now() - started);
    if (!at) break;
    wanted = at.vus;
    phaseName = at.phase.name;
    think = at.phase.thinkTimeMs ?? 0;
    report({ vus: wanted, phase: phaseName });
    for (let i = 0; i < wanted; i++) {
      if (!running.has(i)) running.set(i, user(i).finally(() => running.delete(i)));
    }
    peak = Math.max(peak, running.size);
    await sleep(50, undefined, { signal: stop }).catch(() => undefined);
  }
  wanted = 0;
  await Promise.all(running.values());
  return peak;
}

/** A fixed schedule: send k of a phase is due at phaseStart + k / rate, timed from then. */
async function openModel(
  plan: ScenarioPlan, started: number, stop: AbortSignal, take: () => boolean, send: Send, report: Current,
  drop: (req: RequestPlan, at: number, phase: string) => void,
): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = plan.maxInFlight ?? 10_000;
  let peak = 0;
  let index = 0;
  let phaseStart = 0;
  for (let p = 0; p < plan.phases.length && !stop.aborted; p++) {
    const phase = plan.phases[p];
    const rate = phase.rate ?? 0;
    report({ vus: rate, phase: phase.name });
    const total = Math.floor((phase.durationMs / 1000) * rate);
    for (let k = 0; k < total && !stop.aborted; k++) {
      const due = started + phaseStart + (k * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await sleep(wait, undefined, { signal: stop }).catch(() => undefined);
      if (stop.aborted || !take()) break;
      const req = plan.pick(index, k);
      const address = plan.sources.addresses[index % plan.sources.addresses.length];
      index++;
      if (inFlight.size >= maxInFlight) {
        // No room: counted like k6's dropped_iterations, never silently skipped.
        drop(req, due, phase.name);
        continue;
      }
      const job: Promise<void> = send(req, address, due, phase.name).finally(() => inFlight.delete(job));
      inFlight.add(job);
      peak = Math.max(peak, inFlight.size);
    }
    phaseStart += phase.durationMs;
  }
  await Promise.all(inFlight);
  return peak;
}
