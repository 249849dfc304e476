import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { ROUTED } from '../support/routing';

/**
 * INT-COUNTERS-READ-MODEL (ADM-1): #36's counters are the read model's: totalSupply the sum of
 * non-deleted wallets' cachedBalance, totalUsers the non-deleted profiles, totalOrganizations the
 * organizations, all of the deployment tenant. The read model is counted between two equal #36
 * answers, so traffic of others between the reads cannot be mistaken for a wrong counter.
 */
interface Counted { totalSupply: string; totalUsers: string; totalOrganizations: string }

const COUNT_SQL = `SELECT (SELECT COALESCE(sum("cachedBalance"), 0)::text FROM "Wallet" WHERE "tenantId" = $1 AND "deletedAt" IS NULL) AS "totalSupply",
  (SELECT count(*)::text FROM "UserProfile" WHERE "tenantId" = $1 AND "deletedAt" IS NULL) AS "totalUsers",
  (SELECT count(*)::text FROM "Organization" WHERE "tenantId" = $1) AS "totalOrganizations"`;

const countersOf = (res: HttpExchange): Record<string, unknown> | null => (isObject(res.body) && isObject(res.body.counters) ? res.body.counters : null);

async function differences(ctx: CheckContext, answered: Record<string, unknown>, counted: Counted): Promise<string[]> {
  const wrong: string[] = [];
  const supply = String(answered.totalSupply);
  const sameSupply = /^\d+(\.\d+)?$/.test(supply)
    && (await withDb(ctx, async (c) => (await c.query<{ eq: boolean }>('SELECT $1::numeric = $2::numeric AS eq', [supply, counted.totalSupply])).rows[0].eq));
  if (!sameSupply) wrong.push(`totalSupply ${JSON.stringify(answered.totalSupply)} (read model: ${counted.totalSupply})`);
  for (const key of ['totalUsers', 'totalOrganizations'] as const) {
    if (String(answered[key]) !== counted[key]) wrong.push(`${key} ${JSON.stringify(answered[key])} (read model: ${counted[key]})`);
  }
  return wrong;
}

export const countersCheck = defineCheck({
  id: 'INT-COUNTERS-READ-MODEL',
  layer: 'integration',
  title: '#36 counters equal the read model: live wallets\' supply, live profiles, organizations',
  criteria: ['IT-API-1', 'IT-DB-1'],
  endpoint: '#36',
  needs: ['database'],
  rules: ['ADM-1'],
  dependsOn: ROUTED,
  async run(ctx) {
    const problems = new Problems(ctx);
    const ask = async (note: string) => {
      const reply = await askRoute(ctx, endpointById('#36'), { as: null, note });
      if (!reply.answer.expected) problems.unusable(reply.answer.kind);
      return reply.answer.expected ? reply.res : null;
    };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = await ask(`#36 (attempt ${attempt})`);
      const counted = await withDb(ctx, async (c) => (await c.query<Counted>(COUNT_SQL, [ctx.target.tenantId])).rows[0]);
      const after = await ask(`#36 again (attempt ${attempt})`);
      if (!before || !after) return problems.finish('', '');
      const first = countersOf(before);
      if (before.status !== 200 || first === null) {
        problems.unusable(`#36 answered ${before.status}`);
        return problems.finish('', '');
      }
      // Others changed the counters meanwhile: the read-model count cannot be placed; try again.
      if (JSON.stringify(first) !== JSON.stringify(countersOf(after))) continue;
      problems.judged();
      const wrong = await differences(ctx, first, counted);
      const stored = { note: 'the read model counted between the two #36 answers', response: JSON.stringify(counted) };
      if (wrong.length > 0) problems.add({ rule: 'ADM-1', endpoint: '#36', text: `#36 answered ${wrong.join(', ')}: ${brief(before)}` }, before, stored);
      else problems.sample(before);
      return problems.finish('#36 counters equal the read model', 'the read model\'s counts');
    }
    problems.unusable('the counters changed between every pair of #36 answers');
    return problems.finish('', '');
  },
});
