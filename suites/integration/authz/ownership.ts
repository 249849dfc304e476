import { defineCheck } from '../../../src/checks/define';
import { MESSAGES } from '../../../src/catalog/envelope';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint, OwnershipRule } from '../../../src/catalog/types';
import { inBatches } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { documentedError } from '../support/rules';
import { NON_STAKEHOLDER, nonOwner } from './actors';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-AUTHZ-OWNERSHIP (issue 4.2, §3.5, BOLA): another user's token on userA's objects, for every
 * ownership rule, gets 403 with the route's message (#19: 404 "Loan not found"), never A's data.
 */
/** The answer a non-owner gets (§3.5): the route's 403 message; #19 answers its 404; stakeholder routes the role message. */
function refusal(rule: OwnershipRule): [number, string] {
  if (rule.kind === 'borrower') return [404, rule.message];
  return rule.kind === 'stakeholder' ? [403, MESSAGES.forbiddenRole] : [403, rule.message];
}

/** The documented error (§6) of that refusal, when the registry has it. */
const ownershipError = (e: Endpoint): string | null => documentedError(e, ...refusal(e.ownership!));

export const ownershipCheck = defineCheck({
  id: 'INT-AUTHZ-OWNERSHIP',
  layer: 'integration',
  title: 'A non-owner\'s token on userA\'s objects → 403/404 for every ownership rule, never A\'s data',
  criteria: ['IT-API-3', 'SEC-2'],
  needs: ['fixtures'],
  rules: ['AUTHZ-1', 'AUTHZ-2', 'ERR-1', 'ERR-5', ...CATALOG.flatMap((e) => (e.ownership ? ownershipError(e) ?? [] : []))],
  dependsOn: ROUTED,
  // Every ownership rule is its own: a spread over most owned routes.
  minJudged: 8,
  fixtureItems: exampleItems(CATALOG.filter((e) => e.ownership !== null), 'userA', 'userB', NON_STAKEHOLDER),
  async run(ctx) {
    const w = world(ctx);
    const a = w.users.userA;
    const owned = CATALOG.filter((e) => e.ownership !== null);
    const problems = new Problems(ctx);
    await inBatches(owned, 6, async (endpoint) => {
      const rule = endpoint.ownership!;
      const example = await exampleOf(ctx, endpoint);
      const actor = nonOwner(endpoint, w, example);
      const res = problems.judge(await askRoute(ctx, endpoint, { ...example, as: actor, note: `${endpoint.id} (${rule.kind} rule) as ${actor}` }));
      if (!res) return;
      const [status, message] = refusal(rule);
      const broken = ownershipError(endpoint) ?? (rule.kind === 'path' ? 'AUTHZ-2' : 'AUTHZ-1');
      const problem = envelopeProblem(res, [status], message);
      if (problem) problems.add({ rule: brokenRule(res, problem, broken), endpoint: endpoint.id, text: `${endpoint.id} as ${actor}: ${problem} (got ${brief(res)})` }, res);
      else problems.sample(res);
      const leaked = [a.email, a.walletId, a.accountId].filter((v) => res.text.includes(v));
      if (leaked.length > 0) problems.add({ rule: broken, endpoint: endpoint.id, text: `${endpoint.id} as ${actor}: the answer carries userA's data (${leaked.length} value(s))` }, res);
    });
    problems.measurements.endpoints = owned.length;
    return problems.finish(`${problems.judgedSoFar} owned routes refused the non-owner`, '403 with the route message (#19: 404), no data of the owner');
  },
});
