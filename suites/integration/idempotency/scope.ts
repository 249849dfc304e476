import { randomUUID } from 'node:crypto';
import { defineCheck, pass } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { isObject } from '../support/envelope';
import { sendTo, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { withDb } from '../support/db';
import { marker } from './transfer';

/**
 * INT-IDEMPOTENCY-SCOPE (IDEM-3, IDEM-8; issue 10 item 4): a key is scoped to its caller. userA
 * and userB send their own transfers under the same X-Idempotency-Key: userB's must be accepted
 * as a request of its own — never 422/409, never a replay of userA's answer — and the two outbox
 * rows must carry different requestIds.
 */
export const idempotencyScopeCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-SCOPE',
  layer: 'integration',
  title: 'The same X-Idempotency-Key from a second caller is that caller\'s own request, never the first caller\'s answer',
  criteria: ['IT-API-1', 'IT-API-3', 'SEC-2'],
  endpoint: '#1',
  rules: ['IDEM-3', 'IDEM-8'],
  needs: ['fixtures', 'writes'],
  // Its commands go through the region's routes: broken routing is their root cause.
  dependsOn: ROUTED,
  async run(ctx) {
    const { userA, userB } = world(ctx).users;
    const key = `gxv-scope-${randomUUID()}`;
    const send = (as: 'userA' | 'userB', from: string, to: string, remark: string) => sendTo(ctx, endpointById('#1'), {
      as, body: { fromUserId: from, toUserId: to, amount: '0.01', remark }, headers: { 'X-Idempotency-Key': key }, note: `${as}'s transfer under the shared key`,
    });
    const remarks = { a: marker(ctx, 'scope-a'), b: marker(ctx, 'scope-b') };
    const first = await send('userA', userA.profileId, userB.profileId, remarks.a);
    if (first.status !== 202) {
      ctx.observe.unusable(`userA's transfer answered ${first.status}`);
      return pass({ message: `userA's transfer was not accepted (${first.status}): the scope could not be probed` });
    }
    const second = await send('userB', userB.profileId, userA.profileId, remarks.b);
    ctx.observe.judged();
    const replayed = (second.headers['idempotent-replayed'] ?? '') === 'true'
      || (isObject(second.body) && isObject(first.body) && second.body.commandId === first.body.commandId);
    if (second.status !== 202 || replayed) {
      const what = replayed ? `got userA's answer replayed (commandId ${String((first.body as { commandId?: unknown }).commandId)})` : `answered ${second.status} instead of 202`;
      // 409 long after userA's request completed: the two callers' commands share a requestId (IDEM-8), not a key scope.
      const rule = second.status === 409 && !replayed ? 'IDEM-8' : 'IDEM-3';
      ctx.findings.add({ rule, endpoint: '#1', text: `userB's own transfer under userA's key ${what}`, evidence: [first.evidence, second.evidence] });
    }
    if (ctx.target.database && second.status === 202 && !replayed) {
      const rows = await withDb(ctx, async (c) => (await c.query<{ requestId: string; remark: string }>(
        `SELECT "requestId", payload->>'remark' AS remark FROM "OutboxCommand" WHERE payload->>'remark' = ANY($1)`, [[remarks.a, remarks.b]])).rows);
      const ids = new Set(rows.map((r) => r.requestId));
      if (rows.length !== 2 || ids.size !== 2) {
        ctx.findings.add({ rule: 'IDEM-8', endpoint: '#1', text: `the two callers' commands under one key left ${rows.length} outbox row(s) with ${ids.size} distinct requestId(s), expected 2 and 2`, evidence: [second.evidence] });
      }
    }
    return pass({ message: 'a second caller\'s request under the same key was its own: accepted, not a replay, its own requestId', evidence: [first.evidence, second.evidence] });
  },
});
