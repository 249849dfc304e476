import type pg from 'pg';

export type Queryable = pg.Pool | pg.PoolClient;

/**
 * The row writes of one attempt (§7.3). Each is conditioned on the row still being this worker's
 * (`lockedBy`), so a row taken over by lock-timeout resolution is never written twice; with
 * `owner` null (fault submitter-double-claim) only the id is matched.
 */
export interface Owner {
  id: string;
  workerId: string | null;
}

const ownerCondition = (owner: Owner, firstParam: number) =>
  owner.workerId === null ? { sql: '', params: [] as string[] } : { sql: ` AND "lockedBy" = $${firstParam}`, params: [owner.workerId] };

/** OUT-5: the transaction id is stored before the transaction is sent. False = the row is no longer ours. */
export async function recordTxId(db: Queryable, owner: Owner, txId: string): Promise<boolean> {
  const cond = ownerCondition(owner, 3);
  const res = await db.query(
    `UPDATE "OutboxCommand" SET "fabricTxId" = $2, "updatedAt" = now() WHERE "id" = $1 AND "status" IN ('LOCKED', 'PENDING')${cond.sql}`,
    [owner.id, txId, ...cond.params],
  );
  return res.rowCount === 1;
}

export async function markSubmitted(db: Queryable, owner: Owner): Promise<void> {
  const cond = ownerCondition(owner, 2);
  await db.query(
    `UPDATE "OutboxCommand" SET "status" = 'SUBMITTED', "submittedAt" = now(), "updatedAt" = now() WHERE "id" = $1${cond.sql}`,
    [owner.id, ...cond.params],
  );
}

export async function markCommitted(db: Queryable, owner: Owner, block: bigint | number): Promise<boolean> {
  const cond = ownerCondition(owner, 3);
  const res = await db.query(
    `UPDATE "OutboxCommand" SET "status" = 'COMMITTED', "commitBlock" = $2, "lockedBy" = NULL, "lockedAt" = NULL,
            "error" = NULL, "errorCode" = NULL, "updatedAt" = now()
      WHERE "id" = $1 AND "status" <> 'COMMITTED'${cond.sql}`,
    [owner.id, String(block), ...cond.params],
  );
  return res.rowCount === 1;
}

export interface Failure {
  errorCode: string;
  error: string;
}

/**
 * A known-failed attempt: back to PENDING after `delayMs` (lock and fabricTxId cleared) while
 * attempts < maxRetries, else FAILED for good. Returns the resulting status, or null when the row
 * was not ours any more. OUT-8: error texts are cut to a sane length so recording never fails.
 */
export async function recordFailure(db: Queryable, owner: Owner, failure: { errorCode: string | null; error: string }, maxRetries: number, delayMs: number, countNow = false): Promise<'PENDING' | 'FAILED' | null> {
  const cond = ownerCondition(owner, 6);
  // countNow (fault submitter-attempts-on-failure): the attempt is counted here, not by the claim.
  const attempts = countNow ? '("attempts" + 1)' : '"attempts"';
  const { rows } = await db.query<{ status: 'PENDING' | 'FAILED' }>(
    `UPDATE "OutboxCommand"
        SET "attempts" = ${attempts},
            "status" = CASE WHEN ${attempts} >= $4 THEN 'FAILED'::"OutboxStatus" ELSE 'PENDING'::"OutboxStatus" END,
            "nextAttemptAt" = CASE WHEN ${attempts} >= $4 THEN "nextAttemptAt" ELSE now() + make_interval(secs => $5::double precision / 1000) END,
            "fabricTxId" = CASE WHEN ${attempts} >= $4 THEN "fabricTxId" ELSE NULL END,
            "lockedBy" = NULL, "lockedAt" = NULL, "errorCode" = $2, "error" = $3, "updatedAt" = now()
      WHERE "id" = $1 AND "status" NOT IN ('COMMITTED', 'FAILED')${cond.sql}
      RETURNING "status"`,
    [owner.id, failure.errorCode?.slice(0, 200) ?? null, failure.error.slice(0, 2000), maxRetries, delayMs, ...cond.params],
  );
  return rows[0]?.status ?? null;
}

/** Give a claimed row back without a ledger call (breaker opened mid-batch): the attempt is not counted (OUT-9). */
export async function releaseUnattempted(db: Queryable, owner: Owner): Promise<void> {
  const cond = ownerCondition(owner, 2);
  await db.query(
    `UPDATE "OutboxCommand" SET "status" = 'PENDING', "attempts" = GREATEST("attempts" - 1, 0), "lockedBy" = NULL, "lockedAt" = NULL, "updatedAt" = now()
      WHERE "id" = $1 AND "status" = 'LOCKED' AND "fabricTxId" IS NULL${cond.sql}`,
    [owner.id, ...cond.params],
  );
}
