import { defineCheck } from '../../../src/checks/define';
import { latencyOutcome } from '../../../src/measure/outcome';
import { WRITE_PATH } from './write-path';
import { judgeRoundTrips, requireRoundTrips } from './support/timing';
import { commandScenario, SCENARIO_ITEMS } from './scenario';

/**
 * RT-COMMIT-LATENCY (FUNC-2, IT-FAB-1): the median time from accepting a command to its ledger
 * commit is within thresholds.commitLatencyP50Ms. This is the outbox-submitter and ledger half of
 * "event processing": a stuck poll loop, a slow breaker or a slow orderer shows here, while RT-LAG
 * judges only the projector half.
 *
 * Judged on the deployment's own clocks: the outbox row's insert (the command accepted, CMD-1) to
 * its COMMITTED record (§7.3). The runner's view — the 202's arrival to its own listener seeing
 * the commit — is shown beside it: from afar the 202 arrives late and the commit can even be seen
 * before it. The median is judged (p95 is reported): the tail of ~30 commands measures the machine
 * as much as the ledger. The contract sets no number: the default (400 ms) is gx-verify's, from the
 * sandbox's measured median (~100 ms quiet, ~200 ms under a full run: one 100 ms poll interval plus
 * endorse, order and commit); a real network's profile sets its own (Fabric's default 2 s batch
 * timeout alone would exceed it).
 */
export const commitLatencyCheck = defineCheck({
  id: 'RT-COMMIT-LATENCY',
  layer: 'integration',
  title: 'Command-to-ledger-commit latency (median) is within thresholds.commitLatencyP50Ms',
  criteria: ['FUNC-2', 'IT-FAB-1'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  // Its commands go through the region's routes and the write path: either broken is their root cause.
  dependsOn: WRITE_PATH,
  timeoutMs: 240_000,
  sequentialRequests: 120,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const committed = Math.max(scenario.commitLatencies.length, scenario.server.commitLatencies.length);
    requireRoundTrips(scenario, committed, 'the commit');
    const rule = { what: 'accepted → ledger commit', percentile: 50, thresholdMs: Number(ctx.target.thresholds.commitLatencyP50Ms) };
    const judgement = await judgeRoundTrips(ctx, rule, scenario, {
      scenario: (s) => ({ client: s.commitLatencies, server: s.server.commitLatencies }),
      probe: (p) => ({ client: p.clientCommits, server: p.serverCommits }),
      clientSource: 'runner clock: the 202\'s arrival → its ChaincodeEvents listener',
      serverSource: 'deployment clocks: OutboxCommand createdAt → COMMITTED updatedAt',
    });
    return latencyOutcome(rule, judgement, { measurements: { commands: committed } });
  },
});
