import type pg from 'pg';
import { defineCheck } from '../../../src/checks/define';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { dbBaseline } from '../../../src/measure/baseline';
import { judgeLatency, type Measured } from '../../../src/measure/judge';
import { sharesMachine } from '../../../src/measure/locality';
import { latencyOutcome } from '../../../src/measure/outcome';
import { withDb } from '../support/db';
import { world } from '../support/requests';

/**
 * INT-DB-QUERY-LATENCY (PERF-3): the read-model SELECTs behind the catalog's queries; their p95
 * must stay under thresholds.dbQueryP95Ms.
 *
 * Judged on the database's own clock: each query is also run under EXPLAIN (ANALYZE, TIMING OFF),
 * whose planning + execution time is what the database spent, without the network or the runner
 * in it — per sample, so a percentile can be taken (pg_stat_statements keeps only means and
 * extremes, and needs a preloaded extension). Beside it: the time the runner saw for the plain
 * query, and the network baseline (`SELECT 1`, interleaved). Without EXPLAIN rights the judged
 * value is the runner's time less that baseline.
 */

const ROUNDS = 20;

type Query = [name: string, sql: string, params: unknown[]];

function queriesOf(w: FixtureWorld): Query[] {
  const a = w.users.userA;
  return [
    ['#3 primary wallet', 'SELECT * FROM "Wallet" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 1', [w.tenantId, a.profileId]],
    ['#5 transactions page', 'SELECT * FROM "Transaction" WHERE "walletId" = $1 ORDER BY "timestamp" DESC, "offTxId" DESC LIMIT 50 OFFSET 0', [a.walletId]],
    ['I5 profile', 'SELECT * FROM "UserProfile" WHERE "profileId" = $1 AND "deletedAt" IS NULL', [a.profileId]],
    ['I8 newest KYC', 'SELECT * FROM "KYCVerification" WHERE "profileId" = $1 ORDER BY "createdAt" DESC LIMIT 1', [a.profileId]],
    ['#14 organization', 'SELECT * FROM "Organization" WHERE "orgId" = $1', [w.org.orgId]],
    ['#15 pending multisig', 'SELECT * FROM "MultiSigTransaction" WHERE "orgId" = $1 AND status = \'PENDING\' ORDER BY "createdAt"', [w.org.orgId]],
    ['#18 loans of a borrower', 'SELECT * FROM "Loan" WHERE "tenantId" = $1 AND "borrowerId" = $2 ORDER BY "appliedAt" DESC', [w.tenantId, a.profileId]],
    ['#19 loan', 'SELECT * FROM "Loan" WHERE "loanId" = $1', [w.loanId]],
    ['#24 active proposals', 'SELECT * FROM "Proposal" WHERE "tenantId" = $1 AND status = \'ACTIVE\' ORDER BY "createdAt"', [w.tenantId]],
    ['#33 parameter', 'SELECT * FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = $2', [w.tenantId, w.paramId]],
    ['#35 countries', 'SELECT * FROM "Country" ORDER BY "countryCode"', []],
    ['#36 counters', 'SELECT COALESCE(SUM("cachedBalance"), 0) FROM "Wallet" WHERE "tenantId" = $1 AND "deletedAt" IS NULL', [w.tenantId]],
  ];
}

/** Planning + execution time the database reports for one run of the query. */
async function serverMs(client: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query<{ 'QUERY PLAN': Array<{ 'Planning Time'?: number; 'Execution Time'?: number }> }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params);
  const plan = rows[0]['QUERY PLAN'][0];
  return (plan['Planning Time'] ?? 0) + (plan['Execution Time'] ?? 0);
}

export const queryLatencyCheck = defineCheck({
  id: 'INT-DB-QUERY-LATENCY',
  layer: 'integration',
  title: 'Read-model query latency p95 under the threshold (PERF-3)',
  criteria: ['PERF-3', 'IT-DB-1'],
  needs: ['fixtures', 'database'],
  // Database round trips, not HTTP ones: the measuring loop stops at the deadline instead.
  sequentialRequests: 10,
  fixtureItems: ['userA', 'org', 'loan', 'param'],
  async run(ctx) {
    const queries = queriesOf(world(ctx));
    const rule = { what: 'read-model query', percentile: 95, thresholdMs: Number(ctx.target.thresholds.dbQueryP95Ms) };
    const slowest: Record<string, number> = {};
    return withDb(ctx, async (client) => {
      const baseline = dbBaseline((sql) => client.query(sql));
      let explainRefused: string | null = null;
      for (const [, sql, params] of queries) await client.query(sql, params); // warm-up: plan and cache
      const judgement = await judgeLatency(rule, {
        sharesMachine: sharesMachine(ctx.target),
        deadline: ctx.limits.deadline - 10_000,
        // Every round is a fresh set of ROUNDS × the queries (240 samples, enough for a p95);
        // a far database ends a round at the deadline with what it has.
        measure: async (): Promise<Measured> => {
          const since = Date.now();
          const client_: number[] = [];
          const server: number[] = [];
          for (let r = 0; r < ROUNDS && Date.now() < ctx.limits.deadline - 10_000; r++) {
            for (const [name, sql, params] of queries) {
              const t = performance.now();
              await client.query(sql, params);
              const ms = performance.now() - t;
              client_.push(ms);
              slowest[name] = Math.max(slowest[name] ?? 0, ms);
              if (!explainRefused) server.push(await serverMs(client, sql, params).catch((e: Error) => { explainRefused = e.message; return NaN; }));
              await baseline.sample();
            }
          }
          return {
            client: { samples: client_, source: 'runner clock: the plain query through pg' },
            server: explainRefused ? null : { samples: server, source: 'database clock: EXPLAIN (ANALYZE) planning + execution time' },
            serverUnavailable: explainRefused ? `EXPLAIN ANALYZE was refused: ${explainRefused}` : undefined,
            baseline: baseline.summary(since),
          };
        },
      });
      const evidence = [{ note: 'slowest client-observed sample per query (ms)', response: Object.entries(slowest).map(([k, v]) => `${k}: ${v.toFixed(2)}`).join('\n') }];
      return latencyOutcome(rule, judgement, { evidence });
    });
  },
});
