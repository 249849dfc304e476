import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { getContractRule } from '../../../src/rules/index';
import { withDb } from '../support/db';
import { askRoute } from '../support/answers';
import { world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { judgeAnswer } from '../errors/judge';

/**
 * INT-EMPTY-STATE (issue 9 item 6): #32 before bootstrap answers 404 "System status not found".
 * A bootstrapped deployment cannot show it, so on the sandbox (and only there: it changes the
 * target's own state) the check removes the tenant's SYSTEM_STATUS row, asks #32, and puts the
 * row back exactly as it was. Alone (exclusive): nothing else may read #32 meanwhile.
 */
const RULE = '#32:404:status-not-found';

interface Row { paramValue: string; updatedAt: string }

export const emptyStateCheck = defineCheck({
  id: 'INT-EMPTY-STATE',
  layer: 'integration',
  title: '#32 GET /api/v1/system/status before bootstrap answers 404 "System status not found"',
  criteria: ['IT-API-4'],
  endpoint: '#32',
  rules: [RULE, 'ERR-1'],
  needs: ['fixtures', 'database', 'sandbox'],
  dependsOn: ROUTED,
  exclusive: true,
  async run(ctx: CheckContext) {
    const w = world(ctx);
    const endpoint = endpointById('#32');
    const take = `DELETE FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = 'SYSTEM_STATUS' RETURNING "paramValue", "updatedAt"::text AS "updatedAt"`;
    const saved = await withDb(ctx, async (c) => (await c.query<Row>(take, [w.tenantId])).rows[0] ?? null);
    try {
      const { res, answer } = await askRoute(ctx, endpoint, { as: null, note: `${RULE}: #32 with no SYSTEM_STATUS row` });
      // Only #32's own answer is judged: an edge page or a missing route is not its empty state.
      if (!res || !answer.expected) {
        ctx.observe.unusable(answer.kind);
        return pass({ message: `#32 was not answered by its route: ${answer.kind}` });
      }
      ctx.observe.judged();
      for (const v of judgeAnswer(endpoint, getContractRule(RULE)!, { how: '#32 before bootstrap', build: () => ({ as: null }) }, res)) {
        ctx.findings.add({ ...v, endpoint: '#32', evidence: [res.evidence] });
      }
      return pass({ message: `before bootstrap #32 answered ${res.status}`, evidence: [res.evidence] });
    } finally {
      if (saved) {
        await withDb(ctx, (c) => c.query(
          `INSERT INTO "SystemParameter" ("tenantId", "paramKey", "paramValue", "updatedAt") VALUES ($1, 'SYSTEM_STATUS', $2, $3::timestamptz)
           ON CONFLICT ("tenantId", "paramKey") DO NOTHING`, [w.tenantId, saved.paramValue, saved.updatedAt]));
      }
    }
  },
});
