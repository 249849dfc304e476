import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { withDb } from '../support/db';
import { world } from '../support/requests';

/**
 * INT-DB-QUERY-LATENCY (PERF-3): the read-model SELECTs behind the catalog's queries, timed through
 * pg; p95 must stay under thresholds.dbQueryP95Ms.
 */

const ROUNDS = 20;

export const queryLatencyCheck = defineCheck({
  id: 'INT-DB-QUERY-LATENCY',
  layer: 'integration',
  title: 'Read-model query latency p95 under the threshold (PERF-3)',
  criteria: ['PERF-3', 'IT-DB-1'],
  needs: ['fixtures', 'database'],
  fixtureItems: ['userA', 'org', 'loan', 'param'],
  async run(ctx) {
    const w = world(ctx);
    const a = w.users.userA;
    const queries: [string, string, unknown[]][] = [
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
    const samples: number[] = [];
    const perQuery: Record<string, number> = {};
    await withDb(ctx, async (client) => {
      for (const [name, sql, params] of queries) await client.query(sql, params); // warm-up: plan and cache
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, sql, params] of queries) {
          const t = performance.now();
          await client.query(sql, params);
          const ms = performance.now() - t;
          samples.push(ms);
          perQuery[name] = Math.max(perQuery[name] ?? 0, ms);
        }
      }
    });
    samples.sort((x, y) => x - y);
    const p95 = samples[Math.ceil(samples.length * 0.95) - 1];
    const threshold = Number(ctx.target.thresholds.dbQueryP95Ms);
    const measurements = {
      samples: samples.length, p50Ms: +samples[Math.floor(samples.length / 2)].toFixed(2), p95Ms: +p95.toFixed(2),
      maxMs: +samples[samples.length - 1].toFixed(2), thresholdMs: threshold,
    };
    const evidence = [{ note: 'slowest sample per query (ms)', response: Object.entries(perQuery).map(([k, v]) => `${k}: ${v.toFixed(2)}`).join('\n') }];
    if (p95 >= threshold) {
      throw new CheckFailure({ message: `read-model query p95 ${p95.toFixed(1)} ms`, expected: `< ${threshold} ms`, received: `${p95.toFixed(1)} ms`, evidence, measurements });
    }
    return pass({ message: `p95 ${p95.toFixed(2)} ms over ${samples.length} queries`, evidence, measurements });
  },
});
