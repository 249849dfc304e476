import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import { ROW_COLUMNS, type OutboxRow } from './row';

export interface ClaimOptions {
  tenantId: string;
  workerId: string;
  batchSize: number;
  faults?: FaultSwitchboard;
}

/**
 * OUT-2..OUT-4: claim up to batchSize claimable rows (this tenant, PENDING, nextAttemptAt ≤ now,
 * oldest first) in ONE statement: the inner SELECT locks rows and skips those another replica
 * holds, the UPDATE moves them to LOCKED and counts the attempt. A row is claimed by one worker only.
 */
export async function claimBatch(db: pg.Pool, opts: ClaimOptions): Promise<OutboxRow[]> {
  if (opts.faults?.isOn('submitter-double-claim')) return claimUnsafely(db, opts);
  // Fault submitter-stalled: the worker id lands where the tenant goes, so the claim matches no row
  // while each poll still completes (and /health stays green).
  const tenant = opts.faults?.isOn('submitter-stalled') ? opts.workerId : opts.tenantId;
  // Fault submitter-waits-on-poison: no row is claimed while an older one that has failed is still
  // in its retries (head-of-line blocking; OUT-10 forbids it).
  const behindPoison = opts.faults?.isOn('submitter-waits-on-poison')
    ? `AND NOT EXISTS (SELECT 1 FROM "OutboxCommand" f WHERE f."tenantId" = $1 AND f."status" IN ('PENDING', 'LOCKED', 'SUBMITTED')
          AND f."errorCode" IS NOT NULL AND (f."createdAt", f."id") < (p."createdAt", p."id"))`
    : '';
  // Fault submitter-attempts-on-failure: the claim does not count the attempt; only a failure does (OUT-4).
  const countLate = opts.faults?.isOn('submitter-attempts-on-failure') ?? false;
  // Fault submitter-revives-failed: a row FAILED in the last 10 s is claimable again (OUT-1: FAILED is terminal).
  const claimable = opts.faults?.isOn('submitter-revives-failed')
    ? `(p."status" = 'PENDING' OR (p."status" = 'FAILED' AND p."updatedAt" > now() - interval '10 seconds'))`
    : `p."status" = 'PENDING'`;
  const { rows } = await db.query<OutboxRow>(
    `UPDATE "OutboxCommand" o
        SET "status" = 'LOCKED', "lockedBy" = $2, "lockedAt" = now(), "attempts" = o."attempts" + ${countLate ? 0 : 1}, "updatedAt" = now()
       FROM (SELECT p."id" FROM "OutboxCommand" p
              WHERE p."tenantId" = $1 AND ${claimable} AND p."nextAttemptAt" <= now() ${behindPoison}
              ORDER BY p."createdAt", p."id"
              LIMIT $3
              FOR UPDATE SKIP LOCKED) c
      WHERE o."id" = c."id" AND o."status" = ${claimable.includes('FAILED') ? `ANY(ARRAY['PENDING', 'FAILED']::"OutboxStatus"[])` : `'PENDING'`}
      RETURNING ${ROW_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}`,
    [tenant, opts.workerId, opts.batchSize],
  );
  const claimed = countLate ? rows.map((r) => ({ ...r, attempts: r.attempts + 1 })) : rows;
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * Fault `submitter-double-claim`: read PENDING rows without locks, count the attempt by id with no
 * status condition and leave the row PENDING until it is submitted. Another replica polling in
 * the meantime reads and submits the same rows.
 */
async function claimUnsafely(db: pg.Pool, opts: ClaimOptions): Promise<OutboxRow[]> {
  const pending = await db.query<{ id: string }>(
    `SELECT "id" FROM "OutboxCommand" WHERE "tenantId" = $1 AND "status" = 'PENDING' AND "nextAttemptAt" <= now()
      ORDER BY "createdAt", "id" LIMIT $2`,
    [opts.tenantId, opts.batchSize],
  );
  if (pending.rows.length === 0) return [];
  const { rows } = await db.query<OutboxRow>(
    `UPDATE "OutboxCommand" SET "lockedBy" = $2, "lockedAt" = now(), "attempts" = "attempts" + 1, "updatedAt" = now()
      WHERE "id" = ANY($1) RETURNING ${ROW_COLUMNS}`,
    [pending.rows.map((r) => r.id), opts.workerId],
  );
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}
