import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { sleep } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-IDEMPOTENCY-SERVICES (IDEM-1): X-Idempotency-Key is honoured by all seven services, not only
 * by the transfer route INT-IDEMPOTENCY-REPLAY uses. One command route per service (I6 is the
 * PATCH) is sent twice with one key and its catalog example: the replay must be the first answer.
 */
const ONE_COMMAND_PER_SERVICE = ['I6', '#1', '#12', '#16', '#20', '#27', '#38'] as const;

const commandIdOf = (body: unknown) => (isObject(body) ? body.commandId : undefined);

export const idempotencyServicesCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-SERVICES',
  layer: 'integration',
  title: 'A command replayed with the same X-Idempotency-Key gets the first answer on every service (POST and PATCH)',
  criteria: ['IT-API-4'],
  needs: ['fixtures', 'writes'],
  rules: ['IDEM-1'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'userB', 'admin', 'superAdmin', 'org', 'param'],
  // Every service: one whose first request was refused leaves IDEM-1 unjudged there.
  minJudged: ONE_COMMAND_PER_SERVICE.length,
  async run(ctx) {
    const problems = new Problems(ctx);
    for (const id of ONE_COMMAND_PER_SERVICE) {
      const endpoint = endpointById(id);
      const example = await exampleOf(ctx, endpoint);
      const req = { ...example, headers: { 'X-Idempotency-Key': `gxv-idem1-${randomUUID()}` } };
      const label = `${id} ${endpoint.method} (svc-${endpoint.service})`;
      // Only the route's own answers count; a route is judged once its replay is compared.
      const ask = async (note: string) => {
        const reply = await askRoute(ctx, endpoint, { ...req, note: `${label} ${note}` });
        if (!reply.answer.expected) problems.unusable(reply.answer.kind);
        return reply.answer.expected ? reply.res : null;
      };
      const first = await ask('under a new key');
      if (!first) continue;
      if (first.status < 200 || first.status > 299) {
        problems.unusable(`${id}'s example answered ${first.status}`);
        continue;
      }
      let second = await ask('replayed under the same key');
      // A reply stored just after it was sent can still read as in progress (IDEM-6): ask once more.
      if (second?.status === 409) second = await sleep(500).then(() => ask('replayed again'));
      if (!second) continue;
      problems.judged();
      if (second.status !== first.status || !isDeepStrictEqual(second.body, first.body)) {
        const twice = second.status === first.status && commandIdOf(second.body) !== commandIdOf(first.body) ? ' (a second command was accepted)' : '';
        problems.add({ rule: 'IDEM-1', endpoint: id, text: `${label}: the replay under the same key answered ${brief(second)}, the first ${brief(first)}${twice}` }, first, second);
      } else problems.sample(second);
    }
    return problems.finish('every service answered the replay with the first answer', 'the first status and body again, on each of the seven services');
  },
});
