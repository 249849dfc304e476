import type { CheckContext } from '../../../src/checks/define';
import type { Endpoint } from '../../../src/catalog/types';
import type { HttpExchange } from '../../../src/clients/http';
import { withDb } from '../support/db';
import type { EndpointRequest } from '../support/requests';
import type { Verdict } from './judge';
import { holdsNonce } from './cases/types';

/**
 * ERR-7 "a rejected request writes nothing": no OutboxCommand row and no idempotency record.
 * - The outbox: rows of the route's command type created (database clock) while the case was in
 *   flight, holding the case's distinctive values (ids, nonces) — a window of milliseconds, so
 *   another check's command is not taken for this one; a row matched by the window alone is only
 *   reported as advisory.
 * - The idempotency record (IDEM-7: only 2xx outcomes are recorded): the case is sent with a fresh
 *   key, then the same key is reused with a changed body. A recorded rejection answers that with
 *   the IDEM-5 422/409 or replays it (`Idempotent-Replayed`).
 */
export interface WriteWindow { from: string; to: string }

export async function dbNow(ctx: CheckContext): Promise<string | null> {
  if (!ctx.target.database) return null;
  return withDb(ctx, async (c) => (await c.query<{ t: string }>('SELECT clock_timestamp()::text AS t')).rows[0].t);
}

/** String values of the request (path and body, nested) that identify it: at least 6 characters. */
export function distinctiveValues(req: EndpointRequest): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 6) out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(req.params);
  walk(req.body);
  return [...out];
}

export async function outboxWrites(
  ctx: CheckContext, endpoint: Endpoint, req: EndpointRequest, how: string, window: WriteWindow,
): Promise<Verdict[]> {
  const rows = await withDb(ctx, async (c) => (await c.query<{ id: string; payload: unknown }>(
    `SELECT "id", "payload" FROM "OutboxCommand"
      WHERE "commandType"::text = $1 AND "createdAt" >= $2::timestamptz AND "createdAt" <= $3::timestamptz`,
    [endpoint.commandType, window.from, window.to],
  )).rows);
  const values = distinctiveValues(req);
  const verdicts: Verdict[] = [];
  for (const row of rows) {
    const text = JSON.stringify(row.payload);
    const present = values.filter((v) => text.includes(JSON.stringify(v).slice(1, -1)));
    // A nonce is decisive; otherwise every value must be there (inputs the payload does not carry, a password, make that miss).
    const ours = present.some(holdsNonce) || (values.length > 0 && present.length === values.length);
    if (values.length > 0 && !ours) continue;
    verdicts.push({
      rule: 'ERR-7', advisory: values.length === 0,
      text: `${how}: rejected, yet an OutboxCommand row ${row.id} (${endpoint.commandType}) was written${values.length === 0 ? ' during the request (matched by time only)' : ''}`,
    });
  }
  return verdicts;
}

const RECORDED = /idempotency key/i;

/** The reuse of a rejected request's key with a changed body: judged by its answer. */
export function keyRecorded(how: string, first: HttpExchange, again: HttpExchange): Verdict[] {
  const replayed = (again.headers['idempotent-replayed'] ?? '').toLowerCase() === 'true';
  const refused = (again.status === 422 || again.status === 409) && RECORDED.test(String((again.body as { message?: unknown })?.message ?? ''));
  if (!replayed && !refused) return [];
  return [{
    rule: 'IDEM-7',
    text: `${how}: the ${first.status} answer's idempotency key was recorded — reusing it answered ${again.status}${replayed ? ' (Idempotent-Replayed)' : ''}`,
  }];
}
