import { CheckFailure, type CheckContext } from '../../../../src/checks/define';
import { MeasurementError } from '../../../../src/measure/outcome';
import { httpBaseline } from '../../../../src/measure/baseline';
import { judgeLatency, type LatencyJudgement, type LatencyRule, type Measured } from '../../../../src/measure/judge';
import { sharesMachine } from '../../../../src/measure/locality';
import { minSamples } from '../../../../src/measure/quantile';
import type { ScenarioResult } from '../scenario';
import { withRoundTrip } from './context';
import { transferSamples, type ProbeSamples } from './lag-probe';

/**
 * RT-LAG and RT-COMMIT-LATENCY judge a time of the write path with the shared latency judgement
 * (src/measure): first on the run's command round trips, then, when those are too few for the
 * percentile or the runner was saturated, on timing transfers (lag-probe.ts). The network
 * baseline of the region is sampled meanwhile.
 */
export interface Pick {
  scenario(s: ScenarioResult): { client: number[]; server: number[] };
  probe(p: ProbeSamples): { client: number[]; server: number[] };
  clientSource: string;
  serverSource: string;
}

/**
 * Fewer than 5 timed round trips: accepted commands that never got through are the write path's
 * failure (`fail`, as `what` says); when no command was accepted at all (the first request never
 * got an answer) there is nothing to time (`error`).
 */
export function requireRoundTrips(scenario: ScenarioResult, timed: number, what: string): void {
  if (timed >= 5) return;
  const accepted = [...scenario.results.values()].flat().filter((r) => r.commandId).length;
  if (accepted === 0) throw new MeasurementError(`could not time ${what}: no command was accepted (${[...scenario.notReached.values()][0] ?? 'none sent'})`);
  throw new CheckFailure({ message: `only ${timed} of ${accepted} accepted commands ${what === 'the commit' ? 'reached a ledger commit' : 'reached the read model'}`, expected: 'every command round-tripped', received: `${timed} timed round trips` });
}

/** Room left before the check's deadline for a last round of timing transfers. */
const ROUND_RESERVE_MS = 20_000;
const EXTRA_SAMPLES = 3;

export async function judgeRoundTrips(ctx: CheckContext, rule: LatencyRule, scenario: ScenarioResult, pick: Pick): Promise<LatencyJudgement> {
  const baseline = httpBaseline(ctx.target, ctx.region);
  const since = Date.now();
  const stopBaseline = baseline.during(1_000);
  let { client, server } = pick.scenario(scenario);
  let health = scenario.health;
  const measured = (): Measured => ({
    client: { samples: client, source: pick.clientSource },
    server: server.length > 0 ? { samples: server, source: pick.serverSource } : null,
    serverUnavailable: server.length > 0 ? undefined : unavailable(scenario),
    baseline: baseline.summary(since),
    health,
  });
  try {
    return await judgeLatency(rule, {
      sharesMachine: sharesMachine(ctx.target),
      deadline: ctx.limits.deadline - ROUND_RESERVE_MS,
      measure: async (round) => {
        if (round.number === 1) return measured();
        health = undefined; // timed in this round, watched by the judgement
        const want = (round.fresh ? minSamples(rule.percentile) : round.missing) + EXTRA_SAMPLES;
        const more = pick.probe(await withRoundTrip(ctx, 'timing', (rt) => transferSamples(rt, want)));
        if (round.fresh) ({ client, server } = { client: more.client, server: more.server });
        else ({ client, server } = { client: [...client, ...more.client], server: [...server, ...more.server] });
        return measured();
      },
    });
  } finally {
    await stopBaseline();
  }
}

function unavailable(s: ScenarioResult): string {
  const reasons = [...s.server.unavailable.entries()].map(([type, why]) => `${type}: ${why}`);
  return reasons.length ? reasons.slice(0, 3).join('; ') : 'no round trip reached the read model';
}
