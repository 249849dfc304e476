import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { WRITE_PATH } from './write-path';
import { send } from '../../../src/clients/http';
import { lagTable, summarize } from './support/stats';
import { commandScenario } from './scenario';

/**
 * RT-LAG (FUNC-2, PERF-2): p95 of ledger-commit → read-model lag over every command round trip.
 * The commit instant is when the transaction's chaincode events reach the suite's own live
 * ChaincodeEvents listener: a peer delivers events only for committed blocks, and the gateway
 * exposes no commit time, so this is the commit as any client of a real network can observe it
 * (it excludes endorsement and ordering, which the payload timestamp would include). The
 * read-model change is polled every 10 ms, so a sample may be up to ~10 ms late.
 */
export const lagCheck = defineCheck({
  id: 'RT-LAG',
  layer: 'integration',
  title: 'Projector lag p95 from ledger commit to read-model change is within thresholds.projectorLagMs',
  criteria: ['FUNC-2', 'PERF-2'],
  needs: ['writes', 'database', 'fixtures', 'fabric'],
  // Its commands go through the region's routes and the write path: either broken is their root cause.
  dependsOn: WRITE_PATH,
  timeoutMs: 240_000,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const threshold = Number(ctx.target.thresholds.projectorLagMs);
    const samples = [...scenario.lags.values()].flat();
    const s = summarize(samples);
    const table = lagTable(scenario.lags);
    const artifact = await ctx.artifact('roundtrip-lag.txt', `${table}\n`);
    ctx.log(`lag per command type (ms):\n${table}`);
    const commit = summarize(scenario.commitLatencies);
    // Ledger time (202 → commit) is shown beside the lag, never judged as lag: a slow ordering
    // service or peer is not the projector's delay (fault fabric-slow-commit leaves RT-LAG green).
    const measurements = { commitLatencyP50Ms: commit.n ? commit.p50 : null, commitLatencyP95Ms: commit.n ? commit.p95 : null, lagFrom: 'chaincode event arrival on the suite listener', roundTrips: s.n, lagP50Ms: s.p50, lagP95Ms: s.p95, lagMaxMs: s.max, thresholdMs: threshold };
    const notProjected = [...scenario.results.values()].flat().filter((r) => r.lagMs === null && r.ledgerChecked).length;
    if (s.n < 5) {
      throw new CheckFailure({ message: `only ${s.n} round trips reached the read model (${notProjected} committed but never projected in time)`, expected: 'lag samples from every command type', received: `${s.n} samples`, measurements });
    }
    // The projector's own view (PROJ-9), when the profile names it.
    let own = '';
    if (ctx.target.workers?.projector) {
      const metrics = await send({ method: 'GET', baseUrl: ctx.target.workers.projector, path: '/metrics', note: 'projector /metrics' }).catch(() => null);
      const m = metrics?.text.match(/^projector_lag_ms(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m);
      if (m) own = `; projector_lag_ms now ${m[1]}`;
    }
    if (s.p95 > threshold || notProjected > 0) {
      throw new CheckFailure({
        message: `lag p95 ${Math.round(s.p95)} ms (max ${Math.round(s.max)} ms) over ${s.n} round trips${notProjected ? `, ${notProjected} committed commands never projected` : ''}; threshold ${threshold} ms`,
        expected: `p95 ≤ ${threshold} ms`, received: `p95 ${Math.round(s.p95)} ms`, measurements,
      });
    }
    return pass({ message: `lag p50 ${Math.round(s.p50)} ms, p95 ${Math.round(s.p95)} ms, max ${Math.round(s.max)} ms over ${s.n} round trips${own}`, measurements, artifacts: [artifact] });
  },
});
