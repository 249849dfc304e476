import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems, type Shown } from '../support/problems';
import { ROUTED } from '../support/routing';

/**
 * INT-COUNTERS-READ-MODEL (ADM-1): #36's counters are the read model's: totalSupply the sum of
 * non-deleted wallets' cachedBalance, totalUsers the non-deleted profiles, totalOrganizations the
 * organizations, all of the deployment tenant. Traffic of others is never mistaken for a wrong
 * counter: see the rounds below.
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
    // A round: the read model counted before and after one #36 answer. Only a round whose two counts
    // agree places the answer; a mismatch must show in two such rounds (a row added and removed by
    // someone else within one round cannot make it).
    let earlier: Shown[] | null = null;
    for (let round = 1; round <= 4; round++) {
      const count = () => withDb(ctx, async (c) => (await c.query<Counted>(COUNT_SQL, [ctx.target.tenantId])).rows[0]);
      const before = await count();
      const res = await ask(`#36 (round ${round})`);
      const after = await count();
      if (!res) return problems.finish('', '');
      const answered = countersOf(res);
      if (res.status !== 200 || answered === null) {
        problems.unusable(`#36 answered ${res.status}`);
        return problems.finish('', '');
      }
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      const wrong = await differences(ctx, answered, before);
      if (wrong.length === 0) {
        problems.judged();
        problems.sample(res);
        return problems.finish('#36 counters equal the read model', 'the read model\'s counts');
      }
      const stored = { note: 'the read model, counted before and after the answer', response: JSON.stringify(before) };
      if (earlier) {
        problems.judged();
        problems.add({ rule: 'ADM-1', endpoint: '#36', text: `#36 answered ${wrong.join(', ')}: ${brief(res)}` }, ...earlier, res, stored);
        return problems.finish('', 'the read model\'s counts');
      }
      earlier = [res, stored];
    }
    problems.unusable('the read model changed around every #36 answer');
    return problems.finish('', '');
  },
});
