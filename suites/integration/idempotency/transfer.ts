import { randomUUID } from 'node:crypto';
import type { CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { withDb } from '../support/db';
import { askRoute, type Reply } from '../support/answers';
import { world } from '../support/requests';

/** A small transfer (#1, userA → userB) whose remark marks its outbox rows. */

export function marker(ctx: CheckContext, label: string): string {
  return `${world(ctx).namespace}-${label}-${randomUUID().slice(0, 8)}`;
}

export function transferBody(ctx: CheckContext, remark: string): Record<string, string> {
  const { userA, userB } = world(ctx).users;
  return { fromUserId: userA.profileId, toUserId: userB.profileId, amount: '0.01', remark };
}

/** The transfer, its answer classified (the route's own, or an edge/unrouted answer that cannot be judged). */
export function sendTransfer(ctx: CheckContext, body: unknown, key: string | undefined, note: string): Promise<Reply<HttpExchange>> {
  return askRoute(ctx, endpointById('#1'), {
    as: 'userA', body, headers: key === undefined ? {} : { 'X-Idempotency-Key': key }, note,
  });
}

/** OutboxCommand rows of TRANSFER_TOKENS carrying this remark. */
export function outboxRowsWithRemark(ctx: CheckContext, remark: string): Promise<number> {
  return withDb(ctx, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "OutboxCommand" WHERE "commandType" = 'TRANSFER_TOKENS' AND payload->>'remark' = $1`, [remark]);
    return Number(rows[0].n);
  });
}
