import type { CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { unmetNeed } from '../../../src/run/preconditions';
import { withDb, waitFor } from './db';
import { exampleOf, sendTo } from './requests';

/**
 * #28 (pause) and #29 (resume) change the deployment for every other check: a pause stops every
 * transfer, and a pause or resume the ledger refuses ("already paused", "not paused") is retried by
 * the outbox later — after somebody else's resume, pausing the system again minutes on. A check
 * that sends one therefore runs alone, waits until its command has settled, and leaves the system
 * active: a resume is sent while paused (pause first), a pause is undone.
 */
export const SYSTEM_WIDE: ReadonlySet<string> = new Set(['#28', '#29']);

/** Waits (bounded) until the command's outbox row is COMMITTED or FAILED; its status, or null. */
async function settle(ctx: CheckContext, commandId: string, timeoutMs = 30_000): Promise<string | null> {
  // Only where something drains the outbox into a ledger (the `ledger` need) do pause and resume take effect.
  if (!ctx.target.database || unmetNeed('ledger', ctx.target, ctx.region, ctx.fixtures) !== null) return null;
  const status = await withDb(ctx, (db) => waitFor(async () => {
    const { rows } = await db.query<{ status: string }>('SELECT "status"::text AS "status" FROM "OutboxCommand" WHERE "id" = $1', [commandId]);
    return ['COMMITTED', 'FAILED'].includes(rows[0]?.status ?? '') ? rows[0].status : undefined;
  }, Math.min(timeoutMs, ctx.limits.deadline - Date.now() - 5_000), 100));
  return status ?? null;
}

/** Sends the route's catalog example as the set-up or clean-up step of another route's check, and waits for it. */
async function step(ctx: CheckContext, id: '#28' | '#29', why: string): Promise<void> {
  const endpoint = endpointById(id);
  const res = await sendTo(ctx, endpoint, { ...(await exampleOf(ctx, endpoint)), note: `${id} ${why}` });
  const commandId = (res.body as { commandId?: unknown } | null)?.commandId;
  if (res.status !== 202 || typeof commandId !== 'string') {
    ctx.log(`${id} ${why}: answered ${res.status}, not accepted`);
    return;
  }
  ctx.log(`${id} ${why}: ${await settle(ctx, commandId) ?? 'not observed to settle'}`);
}

/** Before the judged request: a resume is judged on a paused system. */
export async function beforeSystemWide(ctx: CheckContext, id: string): Promise<void> {
  if (id === '#29') await step(ctx, '#28', 'set-up: pause, so the resume under test applies');
}

/** After the judged request: its command settles, and a pause is undone. */
export async function afterSystemWide(ctx: CheckContext, id: string, commandId: unknown): Promise<void> {
  if (typeof commandId === 'string') ctx.log(`${id} under test: ${await settle(ctx, commandId) ?? 'not observed to settle'}`);
  if (id === '#28') await step(ctx, '#29', 'clean-up: resume, so no other check meets a paused system');
}
