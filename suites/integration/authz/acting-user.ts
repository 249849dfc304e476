import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-AUTHZ-ACTING-USER (AUTHZ-4, GOV-1): the acting user of a command is the token's profileId.
 * Each route's example is sent with a body field naming another fixture user as the actor (the
 * payload key of §7.2); the stored OutboxCommand payload must name the caller. A route that refuses
 * the extra field (VAL-2 allows 400) is asked again without it, and its payload must still name the caller.
 */
const ACTOR_KEYS: ReadonlyArray<readonly [string, string]> = [['#21', 'voterId'], ['#9', 'endorserId'], ['#12', 'initiatorId'], ['#13', 'approverId']];

async function payloadOf(ctx: CheckContext, res: HttpExchange): Promise<Record<string, unknown> | null> {
  const commandId = isObject(res.body) ? res.body.commandId : undefined;
  if (typeof commandId !== 'string') return null;
  const rows = await withDb(ctx, async (c) => (await c.query<{ payload: unknown }>(`SELECT payload FROM "OutboxCommand" WHERE id::text = $1`, [commandId])).rows);
  return rows.length === 1 && isObject(rows[0].payload) ? rows[0].payload : null;
}

export const actingUserCheck = defineCheck({
  id: 'INT-AUTHZ-ACTING-USER',
  layer: 'integration',
  title: 'A command whose body names another user as voter, endorser, initiator or approver is stored acting for the token\'s user',
  criteria: ['IT-API-3', 'SEC-2'],
  needs: ['fixtures', 'database', 'writes'],
  rules: ['AUTHZ-4', 'GOV-1'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'userB', 'org', 'multisig', 'proposedOrg', 'proposal'],
  minJudged: ACTOR_KEYS.length,
  async run(ctx) {
    const problems = new Problems(ctx);
    const { users } = world(ctx);
    for (const [id, key] of ACTOR_KEYS) {
      const endpoint = endpointById(id);
      const example = await exampleOf(ctx, endpoint);
      const caller = users[example.as ?? 'userA'];
      const other = caller.profileId === users.userB.profileId ? users.userA : users.userB;
      const named: EndpointRequest = { ...example, body: { ...(isObject(example.body) ? example.body : {}), [key]: other.profileId }, note: `${id} with body ${key} naming another user` };
      // Only the route's own answers count; the judgement itself is the stored payload.
      const ask = async (req: EndpointRequest) => {
        const reply = await askRoute(ctx, endpoint, req);
        if (!reply.answer.expected) problems.unusable(reply.answer.kind);
        return reply.answer.expected ? reply.res : null;
      };
      let res = await ask(named);
      // VAL-2: the extra field may be refused; then the plain request shows who acts.
      if (res && res.status >= 400 && res.status < 500) res = await ask({ ...example, note: `${id} without the extra field` });
      if (!res) continue;
      if (res.status < 200 || res.status > 299) {
        problems.unusable(`${id}'s example answered ${res.status}`);
        continue;
      }
      const payload = await payloadOf(ctx, res);
      if (payload === null) {
        problems.unusable(`${id}: no OutboxCommand row with the answered commandId`);
        continue;
      }
      problems.judged();
      const stored = { note: `${id}: the stored OutboxCommand payload`, response: JSON.stringify({ [key]: payload[key] }) };
      if (payload[key] !== caller.profileId) {
        const whom = payload[key] === other.profileId ? 'the user the body named' : JSON.stringify(payload[key]);
        problems.add({ rule: 'AUTHZ-4', endpoint: id, text: `${id}: the command acts for ${whom} (payload ${key}), not the token's profileId; answered ${brief(res)}` }, res, stored);
      } else problems.sample(stored);
    }
    return problems.finish('every command acts for the token\'s user, whatever its body names', 'payload actor = token profileId');
  },
});
