import { CheckFailure, defineCheck } from '../../../src/checks/define';
import { WRITE_PATH } from './write-path';
import { send } from '../../../src/clients/http';
import { latencyOutcome } from '../../../src/measure/outcome';
import { lagTable } from './support/stats';
import { judgeRoundTrips, requireRoundTrips } from './support/timing';
import { commandScenario, SCENARIO_ITEMS } from './scenario';

/**
 * RT-LAG (FUNC-2, PERF-2): p95 of the projector's lag — ledger commit to read-model change — over
 * the run's command round trips (topped up with timing transfers to the 59 samples a p95 needs).
 *
 * Judged on the deployment's own clocks: from the outbox row's COMMITTED record (the submitter's
 * record of the commit status, §7.3) to the write time of the effect's read-model rows (§14 ts
 * columns), both written by the deployment. The runner's view — its own ChaincodeEvents listener
 * to the read-model change it polls — is shown beside it: from afar it cannot see the change
 * before the 202 has travelled back, so it measures the distance as much as the projector.
 * Ledger time (202 → commit) is RT-COMMIT-LATENCY's, never judged as lag.
 */
export const lagCheck = defineCheck({
  id: 'RT-LAG',
  layer: 'integration',
  title: 'Projector lag p95 from ledger commit to read-model change is within thresholds.projectorLagMs',
  criteria: ['FUNC-2', 'PERF-2'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  // Its commands go through the region's routes and the write path: either broken is their root cause.
  dependsOn: WRITE_PATH,
  timeoutMs: 240_000,
  sequentialRequests: 120,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const threshold = Number(ctx.target.thresholds.projectorLagMs);
    const table = `runner-observed (listener commit → read-model change):\n${lagTable(scenario.lags)}\n\n`
      + `server-side (COMMITTED record → effect written, deployment clocks):\n${lagTable(scenario.server.lags)}\n`;
    const artifact = await ctx.artifact('roundtrip-lag.txt', table);
    ctx.log(`lag per command type (ms):\n${table}`);
    const notProjected = [...scenario.results.values()].flat().filter((r) => r.lagMs === null && r.ledgerChecked).length;
    if (notProjected > 0) {
      throw new CheckFailure({
        message: `${notProjected} committed command(s) never reached the read model within the round trip's limit`,
        expected: 'every committed command projected', received: `${notProjected} not projected`,
      });
    }
    requireRoundTrips(scenario, Math.max([...scenario.lags.values()].flat().length, [...scenario.server.lags.values()].flat().length), 'the projector');
    const rule = { what: 'projector lag', percentile: 95, thresholdMs: threshold };
    const judgement = await judgeRoundTrips(ctx, rule, scenario, {
      scenario: (s) => ({ client: [...s.lags.values()].flat(), server: [...s.server.lags.values()].flat() }),
      probe: (p) => ({ client: p.clientLags, server: p.serverLags }),
      clientSource: 'runner clock: its ChaincodeEvents listener → its read-model poll (10 ms)',
      serverSource: 'deployment clocks: OutboxCommand COMMITTED updatedAt → effect rows\' createdAt/updatedAt; an effect written before the commit record counts 0 ms',
    });
    return latencyOutcome(rule, judgement, { measurements: { projectorLagMsNow: await projectorGauge(ctx) }, artifacts: [artifact] });
  },
});

/** The projector's own PROJ-9 gauge, when the profile names its metrics endpoint. */
async function projectorGauge(ctx: Parameters<typeof lagCheck.run>[0]): Promise<number | null> {
  if (!ctx.target.workers?.projector) return null;
  const metrics = await send({ method: 'GET', baseUrl: ctx.target.workers.projector, path: '/metrics', note: 'projector /metrics' }).catch(() => null);
  const m = metrics?.text.match(/^projector_lag_ms(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m);
  return m ? Number(m[1]) : null;
}
