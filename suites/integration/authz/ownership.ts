import { defineCheck } from '../../../src/checks/define';
import { MESSAGES } from '../../../src/catalog/envelope';
import { CATALOG } from '../../../src/catalog/index';
import { inBatches } from '../../../src/clients/http';
import { brief, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, sendTo, world } from '../support/requests';
import { NON_STAKEHOLDER, nonOwner } from './actors';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-AUTHZ-OWNERSHIP (issue 4.2, §3.5, BOLA): another user's token on userA's objects, for every
 * ownership rule, gets 403 with the route's message (#19: 404 "Loan not found"), never A's data.
 */
export const ownershipCheck = defineCheck({
  id: 'INT-AUTHZ-OWNERSHIP',
  layer: 'integration',
  title: 'A non-owner\'s token on userA\'s objects → 403/404 for every ownership rule, never A\'s data',
  criteria: ['IT-API-3', 'SEC-2'],
  needs: ['fixtures'],
  fixtureItems: exampleItems(CATALOG.filter((e) => e.ownership !== null), 'userA', 'userB', NON_STAKEHOLDER),
  async run(ctx) {
    const w = world(ctx);
    const a = w.users.userA;
    const owned = CATALOG.filter((e) => e.ownership !== null);
    const problems = new Problems();
    await inBatches(owned, 6, async (endpoint) => {
      const rule = endpoint.ownership!;
      const example = await exampleOf(ctx, endpoint);
      const actor = nonOwner(endpoint, w, example);
      const res = await sendTo(ctx, endpoint, { ...example, as: actor, note: `${endpoint.id} (${rule.kind} rule) as ${actor}` });
      const [status, message] = rule.kind === 'borrower' ? [404, rule.message]
        : rule.kind === 'stakeholder' ? [403, MESSAGES.forbiddenRole] : [403, rule.message];
      const problem = envelopeProblem(res, [status], message);
      if (problem) problems.add(`${endpoint.id} as ${actor}: ${problem} (got ${brief(res)})`, res);
      else problems.sample(res);
      const leaked = [a.email, a.walletId, a.accountId].filter((v) => res.text.includes(v));
      if (leaked.length > 0) problems.add(`${endpoint.id} as ${actor}: the answer carries userA's data (${leaked.length} value(s))`, res);
    });
    problems.measurements.endpoints = owned.length;
    return problems.finish(`${owned.length} owned routes refused the non-owner`, '403 with the route message (#19: 404), no data of the owner');
  },
});
