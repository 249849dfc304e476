import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-COMMAND-IDS (LOAN-1, GOV-1): the ids the server names for a loan (#16) and a proposal (#20)
 * have the contract's form, `loan-<borrowerId>-<suffix>` and `proposal-<targetParam>-<suffix>`, and
 * (with a database) are the ids the command carries to the ledger, which the read model keys on.
 */
const ROUTES = [
  { id: '#16', rule: 'LOAN-1', idKey: 'loanId', prefix: 'loan', from: 'borrowerId' },
  { id: '#20', rule: 'GOV-1', idKey: 'proposalId', prefix: 'proposal', from: 'targetParam' },
] as const;

export const commandIdsCheck = defineCheck({
  id: 'INT-COMMAND-IDS',
  layer: 'integration',
  title: 'loanId (#16) and proposalId (#20) have the form loan-<borrowerId>-… and proposal-<targetParam>-… and go to the ledger as answered',
  criteria: ['IT-API-1'],
  needs: ['fixtures', 'writes'],
  rules: ['LOAN-1', 'GOV-1'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'param'],
  minJudged: ROUTES.length,
  async run(ctx) {
    const problems = new Problems(ctx);
    for (const route of ROUTES) {
      const example = await exampleOf(ctx, endpointById(route.id));
      const source = String((example.body as Record<string, unknown>)[route.from]);
      const reply = await askRoute(ctx, endpointById(route.id), { ...example, note: `${route.id} the catalog example` });
      if (!reply.answer.expected || !reply.res) {
        problems.unusable(reply.answer.kind);
        continue;
      }
      const res = reply.res;
      if (res.status !== 202) {
        problems.unusable(`${route.id}'s example answered ${res.status}`);
        continue;
      }
      problems.judged();
      const answered = isObject(res.body) ? res.body[route.idKey] : undefined;
      const prefix = `${route.prefix}-${source}-`;
      if (typeof answered !== 'string' || !answered.startsWith(prefix) || answered.length === prefix.length) {
        problems.add({ rule: route.rule, endpoint: route.id, text: `${route.id} answered ${route.idKey} ${JSON.stringify(answered)}, expected ${prefix}<unique suffix>` }, res);
        continue;
      }
      if (ctx.target.database && isObject(res.body)) {
        const commandId = String(res.body.commandId);
        const rows = await withDb(ctx, async (c) => (await c.query<{ id: unknown }>(`SELECT payload->>'${route.idKey}' AS id FROM "OutboxCommand" WHERE id::text = $1`, [commandId])).rows);
        const stored = { note: `${route.id}: payload ${route.idKey} of command ${commandId}`, response: JSON.stringify(rows.map((r) => r.id)) };
        if (rows.length !== 1 || rows[0].id !== answered) {
          problems.add({ rule: route.rule, endpoint: route.id, text: `${route.id} answered ${route.idKey} ${answered}, but its command carries ${stored.response}` }, res, stored);
        }
      }
      problems.sample(res);
    }
    return problems.finish('both ids have the contract\'s form and are the ids sent to the ledger', 'loan-<borrowerId>-<suffix>, proposal-<targetParam>-<suffix>');
  },
});
